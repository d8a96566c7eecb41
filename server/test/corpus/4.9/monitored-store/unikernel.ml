open Lwt.Infix
open Cmdliner

let block_size =
  let doc = Arg.info ~doc:"Program block size of the data volume." [ "block-size" ] in
  Arg.(value & opt int 512 doc)

module Store (Data : Mirage_kv.RW) (Seed : Mirage_kv.RO) (Stack : Tcpip.Stack.V4V6) =
struct
  let copy_seed data seed =
    Seed.list seed Mirage_kv.Key.empty >>= function
    | Error _ -> Lwt.return_unit
    | Ok entries ->
        Lwt_list.iter_s
          (fun (key, _) ->
            Seed.get seed key >>= function
            | Ok v -> Data.set data key v >|= ignore
            | Error _ -> Lwt.return_unit)
          entries

  let start data seed stack =
    copy_seed data seed >>= fun () ->
    Stack.TCP.listen (Stack.tcp stack) ~port:7000 (fun flow ->
        Stack.TCP.read flow >>= fun _ -> Stack.TCP.close flow);
    Stack.listen stack
end
