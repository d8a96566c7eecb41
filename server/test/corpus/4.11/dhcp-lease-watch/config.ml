(* mirage >= 4.11.0 & < 4.12.0 *)
open Mirage

(* Ask the DHCP server for DNS servers (6), the domain name (15) and NTP
   servers (42) on top of what the client requests anyway. *)
let requests =
  let r = make_dhcp_requests () in
  List.iter (add_dhcp_request r) [ 6; 15; 42 ];
  r

let nic = netif ~group:"lan" "tap0"
let eth = ethif nic
let arp4 = arp eth
let dhcp = ipv4_of_dhcp ~group:"lan" ~dhcp_requests:requests nic eth arp4

(* The DHCP client hands out the network, the IPv4 layer and the lease. *)
let lan_net = dhcp_proj_net $ dhcp
let lan_ipv4 = dhcp_proj_ipv4 $ dhcp
let lan_lease = dhcp_proj_lease $ dhcp

let stack =
  direct_stackv4v6 ~group:"lan" lan_net eth arp4 lan_ipv4
    (create_ipv6 ~group:"lan" lan_net eth)

let watch = main "Unikernel.Lease_watch" (stackv4v6 @-> lease @-> job)

let () = register "dhcp-lease-watch" [ watch $ stack $ lan_lease ]
