open Lwt.Infix

module Mirror (Clock : Mirage_clock.PCLOCK) (_ : sig end) = struct
  let start _clock ctx =
    let remote = Key_gen.remote () in
    Logs.info (fun m -> m "cloning %s" remote);
    Git_kv.connect ctx remote >>= fun store ->
    Git_kv.pull store >|= function
    | Ok _changes ->
        Logs.app (fun m ->
            m "mirror of %s up to date at %a" remote
              (Ptime.pp_rfc3339 ()) (Ptime.v (Clock.now_d_ps ())))
    | Error (`Msg e) -> Logs.err (fun m -> m "pull failed: %s" e)
end
