open Cmdliner

let cookie_name =
  let doc = Arg.info ~doc:"Name of the session cookie." [ "cookie-name" ] in
  Arg.(value & opt string "sid" doc)

let start _sessions cookie_name =
  Logs.info (fun m -> m "sessions ready, cookie %S" cookie_name);
  Lwt.return_unit
