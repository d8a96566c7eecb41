(* mirage >= 4.11.0 & < 4.12.0 *)
open Mirage

(* Interface naming differs per family of targets. *)
let nic =
  if_impl Key.is_solo5 (netif "service")
  @@ if_impl Key.is_unikraft (netif "0") (netif "tap0")

let stack = generic_stackv4v6 nic

let resolver =
  match_impl
    Key.(value target)
    [ (`Unix, resolver_unix_system); (`MacOSX, resolver_unix_system) ]
    ~default:(resolver_dns ~ns:[ "udp:9.9.9.9" ] stack)

let backend_client = cohttp_client resolver (conduit_direct ~tls:true stack)
let frontend = httpaf_server (conduit_direct stack)

(* Cached responses: in memory on unikraft, in a tar file elsewhere. *)
let cache =
  if_impl
    Key.(pure not $ is_unikraft)
    (tar_kv_rw (block_of_file "cache"))
    (kv_rw_mem ())

let backend = runtime_arg ~pos:__POS__ "Unikernel.backend"

let proxy =
  main ~runtime_args:[ backend ] "Unikernel.Proxy"
    (http @-> http_client @-> kv_rw @-> job)

let () =
  register "reverse-proxy" ~random:default_random
    [ proxy $ frontend $ backend_client $ cache ]
