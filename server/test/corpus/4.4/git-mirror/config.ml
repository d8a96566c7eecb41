(* mirage >= 4.4.0 & < 4.5.0 *)
open Mirage

let runtime_key ~doc ~name names conv default =
  Key.create name (Key.Arg.opt ~stage:`Run conv default (Key.Arg.info ~doc names))

let remote =
  runtime_key ~doc:"Repository to mirror (git://, ssh:// or https://)."
    ~name:"remote" [ "remote" ] Key.Arg.string
    "https://github.com/mirage/mirage.git"

let ssh_key =
  runtime_key ~doc:"Private key for git+ssh, as TYPE:BASE64." ~name:"ssh_key"
    [ "ssh-key" ] Key.Arg.(some string) None

let ssh_password =
  runtime_key ~doc:"Password for git+ssh." ~name:"ssh_password"
    [ "ssh-password" ] Key.Arg.(some string) None

let tls_authenticator =
  runtime_key ~doc:"X.509 authenticator for https remotes." ~name:"tls_authenticator"
    [ "tls-authenticator" ] Key.Arg.(some string) None

let http_headers =
  runtime_key ~doc:"Extra HTTP headers, NAME:VALUE, comma separated."
    ~name:"http_headers" [ "http-header" ]
    Key.Arg.(list (pair ~sep:':' string string))
    [ ("user-agent", "git-mirror/0.1") ]

let stack = generic_stackv4v6 default_network
let tcp = tcpv4v6_of_stackv4v6 stack
let dns = generic_dns_client stack
let he = generic_happy_eyeballs stack dns
let ctx = mimic_happy_eyeballs stack dns he

let git =
  let over_tcp = git_tcp tcp ctx in
  let over_ssh = git_ssh ~key:ssh_key ~password:ssh_password tcp ctx in
  let over_http =
    git_http ~authenticator:tls_authenticator ~headers:http_headers tcp ctx
  in
  merge_git_clients over_tcp (merge_git_clients over_ssh over_http)

let mirror =
  foreign ~keys:[ Key.v remote ]
    ~packages:[ package "git-kv" ~min:"0.0.3" ]
    "Unikernel.Mirror" (pclock @-> git_client @-> job)

let () = register "git-mirror" [ mirror $ default_posix_clock $ git ]
