(* mirage >= 4.5.0 & < 4.9.0 *)
open Mirage

(* hvt and spt tenders attach the NIC named in the manifest; the other
   targets get a tap device. *)
let on_hvt_or_spt =
  Key.(pure (function `Hvt | `Spt -> true | _ -> false) $ value target)

let nic =
  if_impl on_hvt_or_spt (netif ~group:"wan" "service") (netif ~group:"wan" "tap1")

let stack = generic_stackv4v6 ~group:"wan" nic

let resolver =
  match_impl
    Key.(value target)
    [ (`Unix, resolver_unix_system); (`MacOSX, resolver_unix_system) ]
    ~default:(resolver_dns stack)

let spool =
  match_impl
    Key.(value target)
    [ (`Xen, block_of_xenstore_id "51760");
      (`Qubes, block_of_xenstore_id "51760");
      (`Muen, ramdisk "spool") ]
    ~default:(block_of_file "spool")

(* CA bundle: compiled in on solo5, read from the host otherwise. *)
let trust = if_impl Key.is_solo5 (crunch "ca") (direct_kv_ro "ca")

let tls_conduit = conduit_direct ~tls:true stack
let client = cohttp_client ~pclock:default_posix_clock resolver tls_conduit

let fetcher =
  main
    ~runtime_args:[ runtime_arg ~pos:__POS__ "Unikernel.urls" ]
    "Unikernel.Fetcher"
    (http_client @-> block @-> kv_ro @-> job)

let () = register "fetcher" [ fetcher $ client $ spool $ trust ]
