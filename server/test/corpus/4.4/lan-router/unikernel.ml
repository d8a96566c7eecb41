module Forwarder
    (Clock : Mirage_clock.MCLOCK)
    (Uplink : Tcpip.Stack.V4V6)
    (Segment : Tcpip.Stack.V4V6) =
struct
  let start _clock uplink segment =
    let started = Clock.elapsed_ns () in
    Segment.UDP.listen (Segment.udp segment) ~port:53 (fun ~src ~dst:_ ~src_port buf ->
        Logs.debug (fun m ->
            m "forwarding %d bytes from %a:%d (up %Ld ns)" (Cstruct.length buf)
              Ipaddr.pp src src_port
              (Int64.sub (Clock.elapsed_ns ()) started));
        Uplink.UDP.write ~dst:(Ipaddr.of_string_exn "9.9.9.9") ~dst_port:53
          (Uplink.udp uplink) buf
        |> Lwt.map ignore);
    Segment.listen segment
end
