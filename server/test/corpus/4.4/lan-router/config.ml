(* mirage >= 4.4.0 & < 4.5.0 *)
open Mirage

(* One stack per interface. All keys of a stack (interface, ipv4, dhcp, net)
   are prefixed with its group, e.g. --office-ipv4=10.1.0.1/24. *)
let stack_on ?(dhcp = false) ~group nic =
  let dhcp_key =
    if dhcp then Key.pure true else Key.value (Key.dhcp ~group ())
  in
  generic_stackv4v6 ~group ~dhcp_key
    ~net_key:(Key.value (Key.net ~group ()))
    (netif ~group nic)

let uplink = stack_on ~dhcp:true ~group:"uplink" "tap0"

let segments = [ ("office", "tap1"); ("lab", "tap2"); ("guests", "tap3") ]

let forwarder =
  foreign "Unikernel.Forwarder" (mclock @-> stackv4v6 @-> stackv4v6 @-> job)

let jobs =
  List.map
    (fun (group, nic) ->
      forwarder $ default_monotonic_clock $ uplink $ stack_on ~group nic)
    segments

let () = register "lan-router" jobs
