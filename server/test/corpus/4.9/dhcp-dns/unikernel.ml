open Lwt.Infix
open Cmdliner

let names =
  let doc = Arg.info ~doc:"Names to resolve, comma separated." [ "names" ] in
  Arg.(value & opt (list string) [ "mirage.io" ] doc)

module Lookup (Stack : Tcpip.Stack.V4V6) (Dns : Dns_client_mirage.S) = struct
  let start stack dns names =
    Logs.info (fun m ->
        m "addresses: %a" Fmt.(list ~sep:comma Ipaddr.pp)
          (Stack.IP.get_ip (Stack.ip stack)));
    Lwt_list.iter_s
      (fun name ->
        match Result.bind (Domain_name.of_string name) Domain_name.host with
        | Error (`Msg e) -> Lwt.return (Logs.warn (fun m -> m "%s: %s" name e))
        | Ok host -> (
            Dns.gethostbyname dns host >|= function
            | Ok ip -> Logs.app (fun m -> m "%s -> %a" name Ipaddr.V4.pp ip)
            | Error (`Msg e) -> Logs.warn (fun m -> m "%s: %s" name e)))
      names
end
