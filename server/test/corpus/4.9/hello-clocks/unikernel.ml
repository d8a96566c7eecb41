open Lwt.Infix
open Cmdliner

let greeting =
  let doc = Arg.info ~doc:"What to say on every tick." [ "greeting" ] in
  Arg.(value & opt string "hello" doc)

let start () greeting =
  let rec tick n =
    if n = 0 then Lwt.return_unit
    else begin
      Logs.info (fun m ->
          m "%s at %a (uptime %Ld ns, nonce %s)" greeting
            (Ptime.pp_rfc3339 ()) (Mirage_ptime.now ())
            (Mirage_mtime.elapsed_ns ())
            (Ohex.encode (Mirage_crypto_rng.generate 4)));
      Mirage_sleep.ns (Duration.of_sec 1) >>= fun () -> tick (n - 1)
    end
  in
  tick 4
