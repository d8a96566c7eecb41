open Lwt.Infix

module Lookup
    (Time : Mirage_time.S)
    (Clock : Mirage_clock.MCLOCK)
    (Dns : Dns_client_mirage.S)
    (_ : sig end) =
struct
  let resolve dns name =
    match Result.bind (Domain_name.of_string name) Domain_name.host with
    | Error (`Msg e) ->
        Logs.warn (fun m -> m "%s is not a host name: %s" name e);
        Lwt.return_unit
    | Ok host -> (
        Dns.gethostbyname dns host >|= function
        | Ok ip -> Logs.app (fun m -> m "%s -> %a" name Ipaddr.V4.pp ip)
        | Error (`Msg e) -> Logs.warn (fun m -> m "%s: %s" name e))

  let start _time _clock dns _ctx =
    let t0 = Clock.elapsed_ns () in
    Lwt_list.iter_s (resolve dns) (Key_gen.lookup ()) >>= fun () ->
    let dt = Int64.sub (Clock.elapsed_ns ()) t0 in
    Logs.info (fun m -> m "all lookups done in %Ld ns" dt);
    Time.sleep_ns (Duration.of_sec 1)
end
