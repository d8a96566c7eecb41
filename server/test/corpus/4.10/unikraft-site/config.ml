(* mirage >= 4.10.0 & < 4.11.0 *)
open Mirage

(* Host directory on unix, compiled-in copy on every other target,
   including the new unikraft ones (`Firecracker and `QEMU). *)
let pages =
  match_impl
    Key.(value target)
    [ (`Unix, direct_kv_ro "pages");
      (`MacOSX, direct_kv_ro "pages");
      (`Firecracker, crunch "pages");
      (`QEMU, crunch "pages") ]
    ~default:(crunch "pages")

let stack = generic_stackv4v6 default_network
let http_srv = cohttp_server (conduit_direct stack)
let port = runtime_arg ~pos:__POS__ "Unikernel.port"

let site =
  main ~runtime_args:[ port ] ~local_libs:[ "templates" ]
    "Unikernel.Site" (kv_ro @-> http @-> job)

let () =
  register "unikraft-site" ~sleep:default_sleep ~ptime:default_ptime
    [ site $ pages $ http_srv ]
