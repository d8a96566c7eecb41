open Cmdliner

let queue_depth =
  let doc = Arg.info ~doc:"Maximum number of queued requests." [ "queue-depth" ] in
  Arg.(value & opt int 64 doc)

module Listener (_ : sig end) = struct
  let start _pool =
    Logs.info (fun m -> m "listener pool started at %a" (Ptime.pp_rfc3339 ()) (Mirage_ptime.now ()));
    Lwt.return_unit
end
