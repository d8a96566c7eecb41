module Lease_watch (Stack : Tcpip.Stack.V4V6) (_ : sig end) = struct
  let start stack (lease : Dhcp_wire.dhcp_packet option) =
    (match lease with
    | None -> Logs.warn (fun m -> m "running without a DHCP lease")
    | Some pkt ->
        Logs.info (fun m ->
            m "leased %a from %a" Ipaddr.V4.pp pkt.Dhcp_wire.yiaddr
              Ipaddr.V4.pp pkt.Dhcp_wire.siaddr));
    Stack.listen stack
end
