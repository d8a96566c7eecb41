(* mirage >= 4.4.0 & < 4.5.0 *)
open Mirage

let stack = generic_stackv4v6 default_network

(* The host resolver only exists on unix-like targets; everything else
   resolves through the network stack. *)
let resolver =
  match_impl
    Key.(value target)
    [ (`Unix, resolver_unix_system); (`MacOSX, resolver_unix_system) ]
    ~default:(resolver_dns ~ns:[ "tcp:9.9.9.9" ] stack)

(* Xen guests get a real virtual disk; solo5 and unix use a file; Muen
   has no block devices, so it falls back to memory. *)
let cache_disk =
  match_impl
    Key.(value target)
    [
      (`Xen, block_of_xenstore_id "51712");
      (`Qubes, block_of_xenstore_id "51712");
      (`Muen, ramdisk "cache");
    ]
    ~default:(block_of_file "cache")

let trust_anchors = if_impl Key.is_unix (direct_kv_ro "certs") (crunch "certs")

let client =
  cohttp_client ~pclock:default_posix_clock resolver
    (conduit_direct ~tls:true stack)

let urls =
  let doc = Key.Arg.info ~doc:"URLs to download into the cache." [ "url" ] in
  Key.(create "urls" Arg.(opt ~stage:`Run (list string) [] doc))

let fetcher =
  foreign ~keys:[ Key.v urls ]
    ~packages:[ package "cohttp-mirage"; package "ca-certs-nss" ]
    "Unikernel.Fetcher"
    (http_client @-> block @-> kv_ro @-> job)

let () =
  register "fetcher" [ fetcher $ client $ cache_disk $ trust_anchors ]
