open Lwt.Infix

module Probe
    (Time : Mirage_time.S)
    (Clock : Mirage_clock.MCLOCK)
    (Stack : Tcpip.Stack.V4V6) =
struct
  let target = Ipaddr.of_string_exn "192.0.2.80"

  let rec loop stack =
    let t0 = Clock.elapsed_ns () in
    Stack.TCP.create_connection (Stack.tcp stack) (target, 80) >>= fun r ->
    let dt = Int64.sub (Clock.elapsed_ns ()) t0 in
    (match r with
    | Ok flow ->
        Logs.info (fun m -> m "probe ok in %Ld ns" dt);
        Lwt.async (fun () -> Stack.TCP.close flow)
    | Error e -> Logs.warn (fun m -> m "probe failed: %a" Stack.TCP.pp_error e));
    Time.sleep_ns (Duration.of_sec 30) >>= fun () -> loop stack

  let start _time _clock stack _syslog = loop stack
end
