open Lwt.Infix
open Cmdliner

let remote =
  let doc = Arg.info ~doc:"Repository to pull." [ "remote" ] in
  Arg.(value & opt string "https://github.com/mirage/mirage-skeleton.git" doc)

module Puller (_ : sig end) = struct
  let start ctx remote =
    Git_kv.connect ctx remote >>= fun store ->
    Git_kv.list store Mirage_kv.Key.empty >|= function
    | Ok entries -> Logs.app (fun m -> m "%s: %d top-level entries" remote (List.length entries))
    | Error e -> Logs.err (fun m -> m "%s: %a" remote Git_kv.pp_error e)
end
