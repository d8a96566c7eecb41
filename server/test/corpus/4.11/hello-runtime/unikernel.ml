open Lwt.Infix
open Cmdliner

let who =
  let doc = Arg.info ~doc:"Who to greet." [ "who" ] in
  Arg.(value & opt string "world" doc)

let start () who delay =
  Logs.debug (fun m -> m "configured delay: %ds" delay);
  Mirage_sleep.ns (Duration.of_ms 100) >|= fun () ->
  Logs.app (fun m -> m "hello, %s (random byte %02x)" who
    (Char.code (String.get (Mirage_crypto_rng.generate 1) 0)))
