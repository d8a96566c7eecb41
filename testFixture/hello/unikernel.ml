(* A TCP greeting server: every client that connects gets one line and is
   disconnected. Run with e.g. [--port=8080 --greeting="hi"]. *)

open Lwt.Syntax
open Cmdliner

let port =
  let doc = Arg.info ~doc:"TCP port to listen on." [ "port" ] in
  Arg.(value & opt int 8080 doc)

let greeting =
  let doc = Arg.info ~doc:"Line sent to every client." [ "greeting" ] in
  Arg.(value & opt string "Hello from MirageOS!" doc)

module Main (S : Tcpip.Stack.V4V6) = struct
  let greet greeting flow =
    let dst, dst_port = S.TCP.dst flow in
    Logs.info (fun m -> m "connection from %a:%d" Ipaddr.pp dst dst_port);
    let* result = S.TCP.write flow (Cstruct.of_string (greeting ^ "\n")) in
    (match result with
    | Ok () -> ()
    | Error e -> Logs.warn (fun m -> m "write error: %a" S.TCP.pp_write_error e));
    S.TCP.close flow

  let start stack port greeting =
    Logs.info (fun m -> m "listening on TCP port %d" port);
    S.TCP.listen (S.tcp stack) ~port (greet greeting);
    S.listen stack
end
