module Nat
    (Clock : Mirage_clock.MCLOCK)
    (Uplink : Tcpip.Stack.V4V6)
    (Inside : Tcpip.Stack.V4V6) =
struct
  let start _clock uplink inside =
    let up_addrs = Uplink.IP.get_ip (Uplink.ip uplink) in
    let in_addrs = Inside.IP.get_ip (Inside.ip inside) in
    Logs.info (fun m ->
        m "translating %a <-> %a (t=%Ld)"
          Fmt.(list ~sep:comma Ipaddr.pp) in_addrs
          Fmt.(list ~sep:comma Ipaddr.pp) up_addrs
          (Clock.elapsed_ns ()));
    Inside.listen inside
end
