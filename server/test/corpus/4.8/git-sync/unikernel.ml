open Lwt.Infix
open Cmdliner

let remote =
  let doc = Arg.info ~doc:"Remote to keep in sync." [ "remote" ] in
  Arg.(required & opt (some string) None doc)

let interval =
  let doc = Arg.info ~doc:"Seconds between two pulls." [ "interval" ] in
  Arg.(value & opt int 300 doc)

module Sync (Time : Mirage_time.S) (Clock : Mirage_clock.PCLOCK) (_ : sig end) =
struct
  let start _time _clock ctx remote interval =
    Git_kv.connect ctx remote >>= fun store ->
    let rec loop () =
      Time.sleep_ns (Duration.of_sec interval) >>= fun () ->
      Git_kv.pull store >>= fun result ->
      (match result with
      | Ok _ ->
          Logs.info (fun m ->
              m "%s pulled at %a" remote (Ptime.pp_rfc3339 ())
                (Ptime.v (Clock.now_d_ps ())))
      | Error (`Msg e) -> Logs.warn (fun m -> m "pull of %s failed: %s" remote e));
      loop ()
    in
    loop ()
end
