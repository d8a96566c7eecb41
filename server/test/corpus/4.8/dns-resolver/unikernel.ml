open Lwt.Infix
open Cmdliner

let names =
  let doc = Arg.info ~doc:"Host names to resolve." [ "lookup" ] in
  Arg.(value & opt_all string [ "mirage.io"; "ocaml.org" ] doc)

module Lookup
    (Time : Mirage_time.S)
    (Clock : Mirage_clock.MCLOCK)
    (Dns : Dns_client_mirage.S)
    (He : Happy_eyeballs_mirage.S)
    (Resolver : Resolver_mirage.S) =
struct
  let resolve dns name =
    match Result.bind (Domain_name.of_string name) Domain_name.host with
    | Error (`Msg e) -> Lwt.return (Logs.warn (fun m -> m "%s: %s" name e))
    | Ok host -> (
        Dns.gethostbyname dns host >|= function
        | Ok ip -> Logs.app (fun m -> m "%s is %a" name Ipaddr.V4.pp ip)
        | Error (`Msg e) -> Logs.warn (fun m -> m "%s: %s" name e))

  let start _time _clock dns _he _resolver names =
    let t0 = Clock.elapsed_ns () in
    Lwt_list.iter_p (resolve dns) names >>= fun () ->
    Logs.info (fun m -> m "done in %a" Duration.pp (Int64.sub (Clock.elapsed_ns ()) t0));
    Time.sleep_ns (Duration.of_sec 1)
end
