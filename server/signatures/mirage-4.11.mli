(* Signature of module Mirage as seen by a config.ml after [open Mirage], mirage 4.11.x (4.11.1). *)
(* Written for mirage-lsp. Types follow mirage.mli of that release, with paths rewritten so that they resolve here: *)
(* Key.key/Key.value/Package.t/Functoria.package -> key/value/package; Ipaddr paths written in full; *)
(* Cmdliner paths in Key.Arg written in full; Functoria.Runtime_arg.t -> Runtime_arg.t. *)

(** Witness of a module type, used to type implementations and functors. *)
type 'a typ

(** A module implementation (device or functor application) of the given module type. *)
type 'a impl

(** An implementation whose module type has been hidden (see dep). *)
type abstract_impl

(** A configure-time command-line key holding a value of the given type. *)
type 'a key

(** A key whose value type has been hidden. *)
type abstract_key

(** Parsing context holding the values of keys. *)
type context

(** A value computed from keys at configure time. *)
type 'a value

(** A runtime command-line argument of the unikernel, defined by a Cmdliner term. *)
type 'a runtime_arg

(** An opam package dependency. *)
type package

(** Where a package is installed: in the opam switch or in the monorepo. *)
type scope = [ `Switch | `Monorepo ]

(** Build information handed to device hooks. *)
type info

(** OCaml code emitted by a device's connect function. *)
type 'a code

(** Low-level Functoria device description. *)
type 'a device

(** Module type of startable units. *)
type job

(* Device module types. They are abstract, as in mirage.mli: e.g. ptime and random do not unify. *)
type qubesdb
type sleep
type ptime
type mtime
type reporter
type random
type block
type kv_ro
type kv_rw
type network
type ethernet
type arpv4
type v4
type v6
type v4v6
type 'a ip
type ipv4 = v4 ip
type ipv6 = v6 ip
type ipv4v6 = v4v6 ip
type dhcp_ipv4
type lease
type dhcp_requests
type 'a udp
type udpv4v6 = v4v6 udp
type 'a tcp
type tcpv4v6 = v4v6 tcp
type stackv4v6
type resolver
type dns_client
type happy_eyeballs
type syslog
type conduit
type mimic
type http
type http_client
type http_server
type alpn_client
type argv
type git_client

(** Configure-time keys: command-line options of [mirage configure] and, before 4.5, runtime keys. *)
module Key : sig
  (** Command-line arguments that keys are built from. *)
  module Arg : sig
    (** An argument holding a value of the given type. *)
    type 'a t
    (** Optional configure-time argument with a default value, parsed with a Cmdliner converter. *)
    val opt : 'a Cmdliner.Arg.conv -> 'a -> Cmdliner.Arg.info -> 'a t
    (** Configure-time argument that must be given, parsed with a Cmdliner converter. *)
    val required : 'a Cmdliner.Arg.conv -> Cmdliner.Arg.info -> 'a option t
    (** Boolean configure-time flag. *)
    val flag : Cmdliner.Arg.info -> bool t
    (** Repeatable configure-time argument collecting every occurrence. *)
    val opt_all : 'a Cmdliner.Arg.conv -> Cmdliner.Arg.info -> 'a list t
    (** Documentation and option names of a configure key; same as Cmdliner.Arg.info. *)
    val info : ?deprecated:string -> ?absent:string -> ?docs:string -> ?doc_envs:Cmdliner.Cmd.Env.info list -> ?docv:string -> ?doc:string -> ?env:Cmdliner.Cmd.Env.info -> string list -> Cmdliner.Arg.info
  end

  (** A key whose value type has been hidden. *)
  type t = abstract_key
  (** Unix-like targets. *)
  type mode_unix = [ `Unix | `MacOSX ]
  (** Xen-based targets. *)
  type mode_xen = [ `Xen | `Qubes ]
  (** Solo5-based targets. *)
  type mode_solo5 = [ `Hvt | `Spt | `Virtio | `Muen | `Genode ]
  (** Unikraft-based targets. *)
  type mode_unikraft = [ `Firecracker | `QEMU ]
  (** Every target of -t. *)
  type mode = [ `Unix | `MacOSX | `Xen | `Qubes | `Hvt | `Spt | `Virtio | `Muen | `Genode | `Firecracker | `QEMU ]
  (** Creates a key with the given name whose value is parsed from the command-line argument. *)
  val create : string -> 'a Arg.t -> 'a key
  (** A constant configure-time value with no key dependency. *)
  val pure : 'a -> 'a value
  (** Applies a configure-time function value to a configure-time argument value. *)
  val ( $ ) : ('a -> 'b) value -> 'a value -> 'b value
  (** Applies a plain function to a configure-time value. *)
  val map : ('a -> 'b) -> 'a value -> 'b value
  (** Configure-time value choosing between two constants by a boolean value. *)
  val if_ : bool value -> 'a -> 'a -> 'a value
  (** Configure-time value obtained by applying a function to another value. *)
  val match_ : 'a value -> ('a -> 'b) -> 'b value
  (** The value obtained when all keys involved keep their default. *)
  val default : 'a value -> 'a
  (** The configure-time value read from a key; feed it to if_impl or match_impl. *)
  val value : 'a key -> 'a value
  (** Name of an untyped key. *)
  val name : t -> string
  (** Forgets the value type of a key. *)
  val v : 'a key -> t
  (** Equality of untyped keys. *)
  val equal : t -> t -> bool
  (** Prints the name of an untyped key. *)
  val pp : t Fmt.t

  (** Sets of untyped keys (an instance of Stdlib Set.S). *)
  module Set : sig
    [@@@mirage.partial]
    type elt = abstract_key
    type t
    (** Prints a set of keys. *)
    val pp : t Fmt.t
  end

  (** A unit value that depends on the given set of keys. *)
  val of_deps : Set.t -> unit value
  (** The keys a configure-time value depends on. *)
  val deps : 'a value -> Set.t
  (** Prints the names of the keys a value depends on. *)
  val pp_deps : 'a value Fmt.t
  (** Binds a key to a value in a parsing context. *)
  val add_to_context : 'a key -> 'a -> context -> context
  (** Cmdliner term parsing the given keys into a context. *)
  val context : Set.t -> context Cmdliner.Term.t
  (** True if every key the value depends on is bound in the context. *)
  val mem : context -> 'a value -> bool
  (** The value in the context, if all its keys are bound. *)
  val peek : context -> 'a value -> 'a option
  (** Evaluates a value in the context, using defaults for unbound keys. *)
  val eval : context -> 'a value -> 'a
  (** Value of the key in the context, or its default. *)
  val get : context -> 'a key -> 'a
  (** Value of the key in the context, if bound. *)
  val find : context -> 'a key -> 'a option
  (** Prints a set of keys with their values in the context. *)
  val pps : context -> Set.t Fmt.t
  (** The -t/--target key selecting the target (also read from the MODE variable). *)
  val target : mode key
  (** Prints a target name. *)
  val pp_target : mode Fmt.t
  (** True when the target is unix or macosx. *)
  val is_unix : bool value
  (** True when the target is a solo5 one (hvt, spt, virtio, muen, genode). *)
  val is_solo5 : bool value
  (** True when the target is xen or qubes. *)
  val is_xen : bool value
  (** True when the target is unikraft-qemu or unikraft-firecracker. *)
  val is_unikraft : bool value
  (** Configure key --kv_ro choosing the read-only store of generic_kv_ro (crunch or direct). *)
  val kv_ro : ?group:string -> unit -> [ `Crunch | `Direct ] key
  (** Configure key --block choosing the block device of generic_block (xenstore, file or ramdisk). *)
  val block : ?group:string -> unit -> [ `XenstoreId | `BlockFile | `Ramdisk ] key
  (** Configure flag --no-dhcp making generic stacks use a static IPv4 configuration. *)
  val no_dhcp : ?group:string -> unit -> bool key
  (** Configure flag --utcp making direct TCP use the uTCP implementation. *)
  val utcp : ?group:string -> unit -> bool key
  (** Configure key --net choosing the stack of generic stacks (ocaml/direct or host/socket). *)
  val net : ?group:string -> unit -> [ `OCaml | `Host ] option key
end

(** Runtime arguments: command-line options of the built unikernel, read by Cmdliner terms. *)
module Runtime_arg : sig
  (** A typed runtime argument; the same type as the top-level runtime_arg. *)
  type 'a arg = 'a runtime_arg
  (** A runtime argument whose value type has been hidden. *)
  type t
  (** A log level setting: for all sources or one named source, and the level. *)
  type log_threshold = [ `All | `Src of string ] * Logs.level option
  (** Typed reference to a Cmdliner term in unikernel code (e.g. "Unikernel.port"); pass ~pos:__POS__. *)
  val create : pos:string * int * int * int -> ?packages:package list -> string -> 'a arg
  (** Forgets the value type of a runtime argument, for ~runtime_args lists. *)
  val v : 'a arg -> t
  (** Packages needed to evaluate an untyped runtime argument. *)
  val packages : t -> package list

  (** Sets of untyped runtime arguments. *)
  module Set : sig
    [@@@mirage.partial]
    type t
    (** Prints a set of runtime arguments. *)
    val pp : t Fmt.t
  end

  (** Prints the code that reads an untyped runtime argument. *)
  val call : t Fmt.t
  (** Prints the code that registers a runtime argument with the runtime module. *)
  val serialize : runtime_modname:string -> t Fmt.t
  (** OCaml variable name used for a runtime argument in generated code. *)
  val var_name : t -> string
  (** Runtime argument --interface naming the network interface (default is the given name). *)
  val interface : ?group:string -> ?docs:string -> string -> string runtime_arg

  (** Runtime arguments for IPv4 configuration. *)
  module V4 : sig
    (** Runtime argument --ipv4 with the IPv4 address and prefix (default given). *)
    val network : ?group:string -> ?docs:string -> Ipaddr.V4.Prefix.t -> Ipaddr.V4.Prefix.t runtime_arg
    (** Runtime argument --ipv4 without a default (used by the DHCP-or-static stack). *)
    val optional_network : ?group:string -> ?docs:string -> unit -> Ipaddr.V4.Prefix.t runtime_arg
    (** Runtime argument --ipv4-gateway with the default IPv4 gateway. *)
    val gateway : ?group:string -> ?docs:string -> Ipaddr.V4.t option -> Ipaddr.V4.t option runtime_arg
  end

  (** Runtime arguments for IPv6 configuration. *)
  module V6 : sig
    (** Runtime argument --ipv6 with the IPv6 address and prefix. *)
    val network : ?group:string -> ?docs:string -> Ipaddr.V6.Prefix.t option -> Ipaddr.V6.Prefix.t option runtime_arg
    (** Runtime argument --ipv6-gateway with the default IPv6 gateway. *)
    val gateway : ?group:string -> ?docs:string -> Ipaddr.V6.t option -> Ipaddr.V6.t option runtime_arg
    (** Runtime flag --accept-router-advertisements for IPv6. *)
    val accept_router_advertisements : ?group:string -> ?docs:string -> unit -> bool runtime_arg
  end

  (** Runtime flag --ipv4-only restricting the stack to IPv4. *)
  val ipv4_only : ?group:string -> ?docs:string -> unit -> bool runtime_arg
  (** Runtime flag --ipv6-only restricting the stack to IPv6. *)
  val ipv6_only : ?group:string -> ?docs:string -> unit -> bool runtime_arg
  (** Runtime argument --resolver listing DNS resolvers. *)
  val resolver : ?group:string -> ?docs:string -> ?default:string list -> unit -> string list option runtime_arg
  (** Runtime argument listing the DNS servers of the DNS client. *)
  val dns_servers : ?group:string -> ?docs:string -> string list option -> string list option runtime_arg
  (** Runtime argument with the DNS query timeout in nanoseconds. *)
  val dns_timeout : ?group:string -> ?docs:string -> int64 option -> int64 option runtime_arg
  (** Runtime argument with the DNS client's cache size. *)
  val dns_cache_size : ?group:string -> ?docs:string -> int option -> int option runtime_arg
  (** Runtime argument: Happy Eyeballs wait for AAAA answers, in nanoseconds. *)
  val he_aaaa_timeout : ?group:string -> ?docs:string -> int64 option -> int64 option runtime_arg
  (** Runtime argument: Happy Eyeballs delay between connection attempts, in nanoseconds. *)
  val he_connect_delay : ?group:string -> ?docs:string -> int64 option -> int64 option runtime_arg
  (** Runtime argument: Happy Eyeballs connection timeout, in nanoseconds. *)
  val he_connect_timeout : ?group:string -> ?docs:string -> int64 option -> int64 option runtime_arg
  (** Runtime argument: Happy Eyeballs name resolution timeout, in nanoseconds. *)
  val he_resolve_timeout : ?group:string -> ?docs:string -> int64 option -> int64 option runtime_arg
  (** Runtime argument: how often Happy Eyeballs retries name resolution. *)
  val he_resolve_retries : ?group:string -> ?docs:string -> int option -> int option runtime_arg
  (** Runtime argument: Happy Eyeballs timer tick, in nanoseconds. *)
  val he_timer_interval : ?group:string -> ?docs:string -> int64 option -> int64 option runtime_arg
  (** Runtime argument --ssh-key with the private key for Git over SSH. *)
  val ssh_key : ?group:string -> ?docs:string -> string option -> string option runtime_arg
  (** Runtime argument --ssh-password for Git over SSH. *)
  val ssh_password : ?group:string -> ?docs:string -> string option -> string option runtime_arg
  (** Runtime argument --ssh-authenticator checking the SSH server's host key. *)
  val ssh_authenticator : ?group:string -> ?docs:string -> string option -> string option runtime_arg
  (** Runtime argument --tls-authenticator checking TLS servers' certificates. *)
  val tls_authenticator : ?group:string -> ?docs:string -> string option -> string option runtime_arg
  (** Runtime argument --http-headers adding headers to Git-over-HTTP requests. *)
  val http_headers : ?group:string -> ?docs:string -> (string * string) list option -> (string * string) list option runtime_arg
  (** Runtime argument --syslog with the syslog server address. *)
  val syslog : ?group:string -> ?docs:string -> Ipaddr.t option -> Ipaddr.t option runtime_arg
  (** Runtime argument --syslog-port with the syslog server port. *)
  val syslog_port : ?group:string -> ?docs:string -> int option -> int runtime_arg
  (** Runtime argument --syslog-truncate bounding the size of syslog messages. *)
  val syslog_truncate : ?group:string -> ?docs:string -> int option -> int option runtime_arg
  (** Runtime argument --syslog-keyname naming the TLS credentials in the store. *)
  val syslog_keyname : ?group:string -> ?docs:string -> string option -> string option runtime_arg
  (** Runtime argument --monitor with the Influx/Telegraf server address. *)
  val monitor : ?group:string -> ?docs:string -> Ipaddr.t option -> Ipaddr.t option runtime_arg
  (** Runtime argument -l/--logs setting log levels per source. *)
  val logs : log_threshold list runtime_arg
  (** Runtime argument --delay: seconds to wait before the unikernel starts. *)
  val delay : int runtime_arg
end

(** Functoria module types (only the type used by config files is listed). *)
module Type : sig
  [@@@mirage.partial]
  type 'a t = 'a typ
end

(** Functoria implementations (only the types are listed). *)
module Impl : sig
  [@@@mirage.partial]
  type 'a t = 'a impl
  type abstract = abstract_impl
end

(** Build information given to device hooks. *)
module Info : sig
  [@@@mirage.partial]
  type t = info
end

(** Dune stanzas generated for a unikernel. *)
module Dune : sig
  [@@@mirage.partial]
  type stanza
end

(** Actions run by configure hooks. *)
module Action : sig
  [@@@mirage.partial]
  type 'a t
end

(** Key parsing contexts. *)
module Context : sig
  [@@@mirage.partial]
  type t = context
end

(** Install rules of a device (Functoria.Install; not a real submodule of Mirage, needed for impl ~install). *)
module Install : sig
  [@@@mirage.partial]
  type t
end

(* ---- Functoria DSL (include Functoria.DSL) ---- *)

(** Builds a fresh module-type witness, e.g. for the device type of a hand-written custom device. *)
val typ : 'a -> 'a typ
(** Functor type arrow: a functor taking a module of the left type and returning the right type. *)
val ( @-> ) : 'a typ -> 'b typ -> ('a -> 'b) typ
(** Applies a functor implementation to an argument implementation of the expected module type. *)
val ( $ ) : ('a -> 'b) impl -> 'a impl -> 'b impl
(** Erases the type of an implementation so it can be listed as an extra dependency of a device or main. *)
val dep : 'a impl -> abstract_impl
(** Names a Cmdliner term defined in unikernel code (e.g. "Unikernel.port"); pass ~pos:__POS__. *)
val runtime_arg : pos:string * int * int * int -> ?packages:package list -> string -> Runtime_arg.t
(** Forgets the value type of a configure-time key, for lists such as ~keys. *)
val key : 'a key -> Key.t
(** Picks the first implementation when the configure-time boolean is true, the second otherwise. *)
val if_impl : bool value -> 'a impl -> 'a impl -> 'a impl
(** Chooses an implementation by comparing a configure-time value with each case, else ~default. *)
val match_impl : 'b value -> default:'a impl -> ('b * 'a impl) list -> 'a impl
(** Declares an opam package (optional findlib libs, sublibs, [min,max) bounds, pin) the unikernel needs. *)
val package : ?scope:scope -> ?build:bool -> ?sublibs:string list -> ?libs:string list -> ?min:string -> ?max:string -> ?pin:string -> ?pin_version:string -> string -> package
(** Declares the unikernel's main module; a non-functor job type gets a unit argument added to start. *)
val main : ?pos:string * int * int * int -> ?packages:package list -> ?packages_v:package list value -> ?local_libs:string list -> ?runtime_args:Runtime_arg.t list -> ?deps:abstract_impl list -> string -> 'a typ -> 'a impl
(** Formats the OCaml snippet returned by a custom device's ~connect; always pass ~pos:__POS__. *)
val code : pos:string * int * int * int -> ('a, Format.formatter, unit, 'b code) format4 -> 'a
(** Turns a low-level Functoria device description into an implementation usable in the DSL. *)
val of_device : 'a device -> 'a impl
(** Defines a custom device from a module name and a type, with optional packages, keys and code hooks. *)
val impl : ?packages:package list -> ?packages_v:package list value -> ?local_libs:string list -> ?install:(Info.t -> Install.t) -> ?install_v:(Info.t -> Install.t value) -> ?keys:Key.t list -> ?runtime_args:Runtime_arg.t list -> ?extra_deps:abstract_impl list -> ?connect:(info -> string -> string list -> 'a code) -> ?dune:(info -> Dune.stanza list) -> ?configure:(info -> unit Action.t) -> ?files:(info -> Fpath.t list) -> string -> 'a typ -> 'a impl

(* ---- Mirage devices ---- *)

(** Module type of a handle on the Qubes DB configuration store. *)
val qubesdb : qubesdb typ
(** Default Qubes DB connection; only the xen and qubes targets accept it at configure time. *)
val default_qubesdb : qubesdb impl
(** Module type of the sleep implementation linked into the unikernel (Mirage_sleep). *)
val sleep : sleep typ
(** Default sleep implementation for the chosen target; give it to register ~sleep. *)
val default_sleep : sleep impl
(** Links no sleep implementation at all. *)
val no_sleep : sleep impl
(** Module type of the POSIX clock linked into the unikernel (Mirage_ptime). *)
val ptime : ptime typ
(** Default POSIX clock for the chosen target; give it to register ~ptime. *)
val default_ptime : ptime impl
(** Links no POSIX clock at all. *)
val no_ptime : ptime impl
(** POSIX clock whose time is set by hand (through Mirage_ptime_set), for tests. *)
val mock_ptime : ptime impl
(** Module type of the monotonic clock linked into the unikernel (Mirage_mtime). *)
val mtime : mtime typ
(** Default monotonic clock for the chosen target; give it to register ~mtime. *)
val default_mtime : mtime impl
(** Links no monotonic clock at all. *)
val no_mtime : mtime impl
(** Monotonic clock whose time is set by hand (through Mirage_mtime_set), for tests. *)
val mock_mtime : mtime impl
(** Module type of a log reporter. *)
val reporter : reporter typ
(** Console log reporter with timestamps; ~level is the default threshold (Some Logs.Info if omitted). *)
val default_reporter : ?level:Logs.level option -> unit -> reporter impl
(** Reporter that turns logging off. *)
val no_reporter : reporter impl
(** Module type of the random number generator linked into the unikernel. *)
val random : random typ
(** Default random device: host entropy (getrandom/getentropy) on unix, a Fortuna generator elsewhere. *)
val default_random : random impl
(** Links no random number generator; give it to register ~random. *)
val no_random : random impl
(** Module type of a block device (Mirage_block.S). *)
val block : block typ
(** Block device by name: a file on unix, a manifest device on solo5/unikraft, a vbd number on xen. *)
val block_of_file : string -> block impl
(** Block device from a XenStore id; only the xen and qubes targets accept it. *)
val block_of_xenstore_id : string -> block impl
(** In-memory block device with the given name. *)
val ramdisk : string -> block impl
(** Block device chosen by the --block configure key (xenstore, file or ramdisk; ramdisk by default). *)
val generic_block : ?group:string -> ?key:[ `XenstoreId | `BlockFile | `Ramdisk ] value -> string -> block impl
(** Module type of a read-only key/value store (Mirage_kv.RO). *)
val kv_ro : kv_ro typ
(** Read-only store whose files are compiled into the unikernel from a local directory. *)
val crunch : string -> kv_ro impl
(** Read-only store reading a tar archive from a block device. *)
val tar_kv_ro : block impl -> kv_ro impl
(** Host directory read at runtime on unix/macosx (and unikraft); the crunch store on xen/qubes/solo5. *)
val direct_kv_ro : string -> kv_ro impl
(** Read-only store over a FAT file system on a block device. *)
val fat_ro : block impl -> kv_ro impl
(** Read-only store chosen by the --kv_ro configure key (crunch or direct; crunch by default). *)
val generic_kv_ro : ?group:string -> ?key:[ `Crunch | `Direct ] value -> string -> kv_ro impl
(** Read-only store in a Git-pack disk image built from a repository or directory (attach it as a block). *)
val docteur : ?mode:[ `Fast | `Light ] -> ?name:string key -> ?output:string key -> ?analyze:bool runtime_arg -> ?branch:string -> ?extra_deps:string list -> string -> kv_ro impl
(** Module type of a read-write key/value store (Mirage_kv.RW). *)
val kv_rw : kv_rw typ
(** Read-write store in a host directory; meant for unix, other targets fail at build time. *)
val direct_kv_rw : string -> kv_rw impl
(** Read-write store kept in memory. *)
val kv_rw_mem : unit -> kv_rw impl
(** Read-write littlefs store on a block device; the program block size comes from the first argument. *)
val chamelon : program_block_size:int runtime_arg -> block impl -> kv_rw impl
(** Append-only read-write store in a tar archive on a block device. *)
val tar_kv_rw : block impl -> kv_rw impl
(** Wraps a block device with AES-CCM encryption keyed by the given runtime argument. *)
val ccm_block : ?nonce_len:int -> string option runtime_arg -> block impl -> block impl
(** Module type of a network interface (Mirage_net.S). *)
val network : network typ
(** Default interface of the target: tap0 on unix/macosx, service on solo5, 0 on xen/qubes/unikraft. *)
val default_network : network impl
(** Interface with the given name; non-solo5 targets let --interface override it at runtime. *)
val netif : ?group:string -> string -> network impl
(** Module type of an Ethernet layer (Ethernet.S). *)
val ethernet : ethernet typ
(** Ethernet layer on a network interface; deprecated, use ethif. *)
val etif : network impl -> ethernet impl [@@deprecated "Deprecated. Use [ethif] instead."]
(** Ethernet layer on top of a network interface. *)
val ethif : network impl -> ethernet impl
(** Module type of an ARP implementation for IPv4 (Arp.S). *)
val arpv4 : arpv4 typ
(** ARP resolution on top of an Ethernet layer. *)
val arp : ethernet impl -> arpv4 impl
(** Module type of an IPv4 layer (Tcpip.Ip.S for v4). *)
val ipv4 : ipv4 typ
(** Module type of an IPv6 layer (Tcpip.Ip.S for v6). *)
val ipv6 : ipv6 typ
(** Module type of a dual-stack IP layer. *)
val ipv4v6 : ipv4v6 typ
(** Module type of a DHCP client that yields an IPv4 layer, the network and the lease. *)
val dhcp_ipv4 : dhcp_ipv4 typ
(** Module type of a DHCP lease value. *)
val lease : lease typ
(** DHCP client on the given interface, Ethernet and ARP; project its results with the dhcp_proj_* values. *)
val ipv4_of_dhcp : ?group:string -> ?dhcp_requests:dhcp_requests -> ?gateway:Ipaddr.V4.t -> network impl -> ethernet impl -> arpv4 impl -> dhcp_ipv4 impl
(** Creates an empty set of extra DHCP option codes to request. *)
val make_dhcp_requests : unit -> dhcp_requests
(** Adds a DHCP option code (1..254) to request; raises Invalid_argument for bad or late codes. *)
val add_dhcp_request : dhcp_requests -> int -> unit
(** Functor projecting the network interface out of a DHCP client. *)
val dhcp_proj_net : (dhcp_ipv4 -> network) impl
(** Functor projecting the IPv4 layer out of a DHCP client. *)
val dhcp_proj_ipv4 : (dhcp_ipv4 -> ipv4) impl
(** Functor projecting the received lease out of a DHCP client. *)
val dhcp_proj_lease : (dhcp_ipv4 -> lease) impl
(** A lease device that always holds no lease. *)
val no_lease : lease impl
(** Static IPv4 layer; address and gateway come from the --ipv4 and --ipv4-gateway arguments. *)
val create_ipv4 : ?group:string -> ethernet impl -> arpv4 impl -> ipv4 impl
(** IPv4 layer configured from Qubes DB (for Qubes VMs). *)
val ipv4_qubes : qubesdb impl -> ethernet impl -> arpv4 impl -> ipv4 impl
(** IPv6 layer; address and gateway come from --ipv6/--ipv6-gateway or router advertisements. *)
val create_ipv6 : ?group:string -> network impl -> ethernet impl -> ipv6 impl
(** Dual-stack IP layer from an IPv4 and an IPv6 layer. *)
val create_ipv4v6 : ?group:string -> ipv4 impl -> ipv6 impl -> ipv4v6 impl
(** Module type of a UDP layer over an IP layer of the same version. *)
val udp : 'a udp typ
(** Module type of a dual-stack UDP layer. *)
val udpv4v6 : udpv4v6 typ
(** UDP layer implemented in OCaml on top of the given IP layer. *)
val direct_udp : 'a ip impl -> 'a udp impl
(** Module type of a TCP layer over an IP layer of the same version. *)
val tcp : 'a tcp typ
(** Module type of a dual-stack TCP layer. *)
val tcpv4v6 : tcpv4v6 typ
(** TCP layer in OCaml on the given IP layer; the --utcp configure flag selects the uTCP implementation. *)
val direct_tcp : ?group:string -> 'a ip impl -> 'a tcp impl
(** Module type of a full dual-stack TCP/IP stack (Tcpip.Stack.V4V6). *)
val stackv4v6 : stackv4v6 typ
(** TCP/IP stack assembled in OCaml from the given interface, Ethernet, ARP, IPv4 and IPv6 layers. *)
val direct_stackv4v6 : ?group:string -> network impl -> ethernet impl -> arpv4 impl -> ipv4 impl -> ipv6 impl -> stackv4v6 impl
(** Stack picked at configure time: Qubes, socket (--net=host), DHCP, or static with --no-dhcp. *)
val generic_stackv4v6 : ?group:string -> ?ipv4_network:Ipaddr.V4.Prefix.t -> ?ipv4_gateway:Ipaddr.V4.t -> ?ipv6_network:Ipaddr.V6.Prefix.t -> ?ipv6_gateway:Ipaddr.V6.t -> network impl -> stackv4v6 impl
(** Like generic_stackv4v6 but also returns the DHCP lease device. *)
val generic_stackv4v6_with_lease : ?group:string -> ?dhcp_requests:dhcp_requests -> ?ipv4_network:Ipaddr.V4.Prefix.t -> ?ipv4_gateway:Ipaddr.V4.t -> ?ipv6_network:Ipaddr.V6.Prefix.t -> ?ipv6_gateway:Ipaddr.V6.t -> network impl -> stackv4v6 impl * lease impl
(** Extracts the TCP layer of a stack, for devices that want plain TCP. *)
val tcpv4v6_of_stackv4v6 : stackv4v6 impl -> tcpv4v6 impl
(** Module type of a Conduit name resolver. *)
val resolver : resolver typ
(** Conduit resolver that queries DNS over the given stack (optional nameservers). *)
val resolver_dns : ?dhcp:dhcp_requests * lease impl -> ?ns:string list -> stackv4v6 impl -> resolver impl
(** Resolver using the host's system resolver; only the unix and macosx targets accept it. *)
val resolver_unix_system : resolver impl
(** Module type of a Happy Eyeballs connection establisher. *)
val happy_eyeballs : happy_eyeballs typ
(** Happy Eyeballs over the given stack; the timeouts are in nanoseconds. *)
val generic_happy_eyeballs : ?group:string -> ?aaaa_timeout:int64 -> ?connect_delay:int64 -> ?connect_timeout:int64 -> ?resolve_timeout:int64 -> ?resolve_retries:int -> ?timer_interval:int64 -> stackv4v6 impl -> happy_eyeballs impl
(** Module type of a DNS stub resolver client. *)
val dns_client : dns_client typ
(** DNS client over a stack and Happy Eyeballs; nameservers look like udp:IP, tcp:IP or tls:IP. *)
val generic_dns_client : ?dhcp:dhcp_requests * lease impl -> ?group:string -> ?timeout:int64 -> ?nameservers:string list -> ?cache_size:int -> stackv4v6 impl -> happy_eyeballs impl -> dns_client impl
(** Module type of a syslog log reporter. *)
val syslog : syslog typ
(** Sends log messages to a syslog server over UDP. *)
val syslog_udp : ?group:string -> stackv4v6 impl -> syslog impl
(** Sends log messages to a syslog server over TCP. *)
val syslog_tcp : ?group:string -> stackv4v6 impl -> syslog impl
(** Sends log messages to a syslog server over TLS, with credentials read from the key/value store. *)
val syslog_tls : ?group:string -> stackv4v6 impl -> kv_ro impl -> syslog impl
(** Job sending metrics to a remote Influx host and accepting log-level changes; keep that stack private. *)
val monitoring : ?group:string -> stackv4v6 impl -> job impl
(** Module type of a Conduit connection manager. *)
val conduit : conduit typ
(** Conduit over the given stack; ~tls:true adds TLS support. *)
val conduit_direct : ?tls:bool -> stackv4v6 impl -> conduit impl
(** Module type of a Mimic connection context. *)
val mimic : mimic typ
(** Mimic context that connects through the stack using Happy Eyeballs and the DNS client. *)
val mimic_happy_eyeballs : stackv4v6 impl -> happy_eyeballs impl -> dns_client impl -> mimic impl
(** Module type of a Cohttp-style HTTP server. *)
val http : http typ
(** HTTP server implemented with cohttp over Conduit. *)
val cohttp_server : conduit impl -> http impl
(** HTTP server implemented with http/af over Conduit. *)
val httpaf_server : conduit impl -> http impl
(** Module type of a Cohttp HTTP client. *)
val http_client : http_client typ
(** HTTP client implemented with cohttp, using the resolver and Conduit. *)
val cohttp_client : resolver impl -> conduit impl -> http_client impl
(** Module type of an HTTP/1.1 and HTTP/2 server built with paf. *)
val http_server : http_server typ
(** paf HTTP server listening on the given port over TCP. *)
val paf_server : port:int runtime_arg -> tcpv4v6 impl -> http_server impl
(** Module type of an HTTP client negotiating the protocol with ALPN. *)
val alpn_client : alpn_client typ
(** paf HTTP(S) client over TCP and Mimic (http/1.1 and h2 via ALPN). *)
val paf_client : tcpv4v6 impl -> mimic impl -> alpn_client impl
(** Module type of the unikernel's command-line argument source. *)
val argv : argv typ
(** Default way of reading the unikernel's command line on the chosen target. *)
val default_argv : argv impl
(** Provides an empty command line. *)
val no_argv : argv impl
(** Module type of a Git transport client (for Git or Irmin). *)
val git_client : git_client typ
(** Combines two Git clients so that either transport can be used. *)
val merge_git_clients : git_client impl -> git_client impl -> git_client impl
(** Git client speaking the git:// protocol over plain TCP. *)
val git_tcp : tcpv4v6 impl -> mimic impl -> git_client impl
(** Git client over SSH, authenticated by key or password. *)
val git_ssh : ?group:string -> ?authenticator:string -> ?key:string -> ?password:string -> tcpv4v6 impl -> mimic impl -> git_client impl
(** Git client over HTTP(S) with optional extra headers and TLS authenticator. *)
val git_http : ?group:string -> ?authenticator:string -> ?headers:(string * string) list -> tcpv4v6 impl -> mimic impl -> git_client impl
(** Module type of a startable unit: a module with a start function; what register expects. *)
val job : job typ
(** A job with no state and no effect; handy as a dummy functor argument. *)
val noop : job impl
(** Job that parses the unikernel command line into the runtime arguments; used by register internally. *)
val runtime_args : argv impl -> job impl
(** Names the unikernel and its jobs; ~sleep/~ptime/~mtime/~random select the linked clock and RNG. *)
val register : ?argv:argv impl -> ?reporter:reporter impl -> ?sleep:sleep impl -> ?ptime:ptime impl -> ?mtime:mtime impl -> ?random:random impl -> ?src:[ `Auto | `None | `Some of string ] -> string -> job impl list -> unit
(** Helper for custom connect code: fails saying the device expects exactly that many arguments. *)
val connect_err : string -> int -> 'a

(** The Mirage project description used by the mirage tool. *)
module Project : sig
  (** Dune stanzas that Mirage generates for the given build information. *)
  val dune : Info.t -> Dune.stanza list
  (** Configure action that Mirage runs for the given build information. *)
  val configure : Info.t -> unit Action.t
end

(** The mirage command-line tool. *)
module Tool : sig
  (** Entry point of the mirage command-line tool. *)
  val run : unit -> unit
end
