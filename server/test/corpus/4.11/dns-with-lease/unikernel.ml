open Lwt.Infix
open Cmdliner

let hosts =
  let doc = Arg.info ~doc:"Hosts to resolve (repeatable)." [ "resolve" ] in
  Arg.(value & opt_all string [ "mirage.io" ] doc)

module Client (Dns : Dns_client_mirage.S) (Resolver : Resolver_mirage.S) (_ : sig end) =
struct
  let start dns _resolver _ctx hosts =
    Lwt_list.iter_s
      (fun h ->
        match Result.bind (Domain_name.of_string h) Domain_name.host with
        | Error (`Msg e) -> Lwt.return (Logs.warn (fun m -> m "%s: %s" h e))
        | Ok host -> (
            Dns.gethostbyname6 dns host >|= function
            | Ok ip -> Logs.app (fun m -> m "%s has AAAA %a" h Ipaddr.V6.pp ip)
            | Error (`Msg e) -> Logs.warn (fun m -> m "%s: %s" h e)))
      hosts
end
