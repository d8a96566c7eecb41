open Lwt.Infix
open Cmdliner

let remote =
  let doc = Arg.info ~doc:"Repository URL." [ "remote" ] in
  Arg.(required & opt (some string) None doc)

let branch =
  let doc = Arg.info ~doc:"Branch to check out." [ "branch" ] in
  Arg.(value & opt string "main" doc)

module Fetch (_ : sig end) = struct
  let start ctx remote branch =
    let uri = remote ^ "#refs/heads/" ^ branch in
    Git_kv.connect ctx uri >>= fun store ->
    Git_kv.get store (Mirage_kv.Key.v "README.md") >|= function
    | Ok readme -> Logs.app (fun m -> m "README has %d bytes" (String.length readme))
    | Error e -> Logs.warn (fun m -> m "no README: %a" Git_kv.pp_error e)
end
