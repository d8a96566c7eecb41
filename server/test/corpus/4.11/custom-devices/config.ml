(* mirage >= 4.11.0 & < 4.12.0 *)
open Mirage

(* Configure-time knobs. *)
let workers =
  let doc = Key.Arg.info ~docv:"N" ~doc:"Workers per listener." [ "workers" ] in
  Key.(create "workers" Arg.(opt Cmdliner.Arg.int 2 doc))

let fake_clocks =
  let open Key in
  create "fake_clocks"
    Arg.(flag (info ~doc:"Link deterministic clocks, for tests." [ "fake-clocks" ]))

(* A device of our own: a work queue whose depth is a runtime argument and
   whose worker count is fixed when configuring. *)
let queue_depth = runtime_arg ~pos:__POS__ "Unikernel.queue_depth"

let queue =
  impl
    ~packages:[ package ~min:"1.0.0" "lwt-dllist" ]
    ~keys:[ Key.v workers ]
    ~runtime_args:[ queue_depth ]
    ~connect:(fun info modname -> function
      | [ depth ] ->
          code ~pos:__POS__ "%s.create ~workers:%d ~depth:%s ()" modname
            (Info.get info workers) depth
      | _ -> connect_err "work queue" 1)
    "Work_queue" job

(* A functor device: one worker pool per network stack. *)
let pool =
  impl
    ~connect:(fun _ modname -> function
      | [ q; stack ] -> code ~pos:__POS__ "%s.connect %s %s" modname q stack
      | _ -> connect_err "pool" 2)
    "Pool.Make" (job @-> stackv4v6 @-> job)

let listener = main "Unikernel.Listener" (job @-> job)

let listeners = [ ("api", "tap0"); ("admin", "tap1") ]

let jobs =
  List.map
    (fun (group, tap) ->
      let stack = generic_stackv4v6 ~group (netif ~group tap) in
      listener $ (pool $ queue $ stack))
    listeners

let wall_clock, mono_clock =
  let fake = Key.value fake_clocks in
  (if_impl fake mock_ptime default_ptime, if_impl fake mock_mtime default_mtime)

let () =
  register "custom-devices" ~ptime:wall_clock ~mtime:mono_clock
    ~sleep:default_sleep jobs
