(* mirage >= 4.5.0 & < 4.9.0 *)
open Mirage

type backend = Memory | Tar_file

(* Configure-time keys (since 4.5 they are Cmdliner based). *)
let backend =
  let choices = Cmdliner.Arg.enum [ ("memory", Memory); ("tar", Tar_file) ] in
  let doc = Key.Arg.info ~doc:"Where sessions are kept: memory or tar." [ "sessions" ] in
  Key.(create "sessions" Arg.(opt choices Memory doc))

let shards =
  let doc = Key.Arg.info ~docv:"N" ~doc:"Number of session shards." [ "shards" ] in
  Key.create "shards" (Key.Arg.opt Cmdliner.Arg.int 4 doc)

let tracing =
  Key.create "tracing" Key.Arg.(flag (info ~doc:"Link memtrace." [ "tracing" ]))

let store =
  match_impl (Key.value backend)
    [ (Tar_file, tar_kv_rw ~pclock:default_posix_clock (block_of_file "sessions")) ]
    ~default:(kv_rw_mem ())

(* Our own functor device. Its connect code is built with [code ~pos]. *)
let sharded =
  impl
    ~keys:[ Key.v shards ]
    ~packages:[ package "lru" ~min:"0.3.0" ]
    ~connect:(fun info modname -> function
      | [ kv ] ->
          let n = Info.get info shards in
          code ~pos:__POS__ "%s.connect ~shards:%d %s" modname n kv
      | _ -> connect_err "sharded" 1)
    "Sharded.Make" (kv_rw @-> job)

let cookie = runtime_arg ~pos:__POS__ "Unikernel.cookie_name"

(* Not a functor: the dependency (and the runtime argument) are enough for
   start to have arguments. *)
let app =
  main ~deps:[ dep (sharded $ store) ] ~runtime_args:[ cookie ]
    ~packages_v:Key.(if_ (value tracing) [ package "memtrace-mirage" ] [])
    "Unikernel" job

let () = register "session-store" [ app ]
