(* mirage >= 4.5.0 & < 4.9.0 *)
open Mirage

(* Build a stack on its own tap device. Every configure key and runtime
   argument of the stack gets the group as prefix (--lab-dhcp,
   --lab-ipv4, ...). *)
let segment_stack ?(force_dhcp = false) ~group tap =
  let dhcp_key =
    if force_dhcp then Key.pure true else Key.value (Key.dhcp ~group ())
  in
  let net_key = Key.value (Key.net ~group ()) in
  generic_stackv4v6 ~group ~dhcp_key ~net_key (netif ~group tap)

let uplink = segment_stack ~force_dhcp:true ~group:"uplink" "tap0"

let segments =
  [ ("office", "tap1"); ("lab", "tap2"); ("iot", "tap3") ]

let nat = main "Unikernel.Nat" (mclock @-> stackv4v6 @-> stackv4v6 @-> job)

let () =
  register "segment-router"
  @@ List.map
       (fun (group, tap) ->
         nat $ default_monotonic_clock $ uplink $ segment_stack ~group tap)
       segments
