open Lwt.Infix

module Vault
    (Clock : Mirage_clock.PCLOCK)
    (Notes : Mirage_kv.RW)
    (Journal : Mirage_kv.RW)
    (Firmware : Mirage_kv.RO)
    (Bundle : Mirage_kv.RO) =
struct
  let stamp () = Ptime.to_rfc3339 (Ptime.v (Clock.now_d_ps ()))

  let start _clock notes journal firmware bundle =
    let key = Mirage_kv.Key.v "boot" in
    Notes.set notes key (stamp ()) >>= fun _ ->
    Journal.set journal (Mirage_kv.Key.v (stamp ())) "booted" >>= fun _ ->
    Firmware.list firmware Mirage_kv.Key.empty >>= fun _ ->
    Bundle.exists bundle (Mirage_kv.Key.v "manifest") >|= fun found ->
    Logs.info (fun m ->
        m "vault ready (bundle manifest %s)"
          (match found with Ok (Some _) -> "present" | _ -> "missing"))
end
