open Lwt.Infix
open Cmdliner

let every =
  let doc = Arg.info ~doc:"Seconds between two beacons." [ "every" ] in
  Arg.(value & opt int 60 doc)

module Beacon
    (Time : Mirage_time.S)
    (Clock : Mirage_clock.PCLOCK)
    (Stack : Tcpip.Stack.V4V6) =
struct
  let start _time _clock stack _syslog every =
    let rec beat n =
      Logs.info (fun m ->
          m "beacon %d at %a from %a" n (Ptime.pp_rfc3339 ())
            (Ptime.v (Clock.now_d_ps ()))
            Fmt.(list ~sep:comma Ipaddr.pp)
            (Stack.IP.get_ip (Stack.ip stack)));
      Time.sleep_ns (Duration.of_sec every) >>= fun () -> beat (succ n)
    in
    beat 0
end
