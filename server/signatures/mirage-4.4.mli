(* Signature of module Mirage as seen by a config.ml after [open Mirage], mirage 4.4.x (4.4.2). *)
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

(** An opam package dependency. *)
type package

(** Where a package is installed: in the opam switch or in the monorepo. *)
type scope = [ `Switch | `Monorepo ]

(** Module type of the build-information device (app_info); Functoria's build info is Info.t here. *)
type info

(** Low-level Functoria device description. *)
type 'a device

(** Module type of startable units. *)
type job

(* Device module types. They are abstract, as in mirage.mli: e.g. ptime and random do not unify. *)
type qubesdb
type time
type pclock
type mclock
type reporter
type random
type console
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
type ipv4_config
type ipv6_config
type 'a udp
type udpv4v6 = v4v6 udp
type 'a tcp
type tcpv4v6 = v4v6 tcp
type stackv4v6
type resolver
type dns_client
type happy_eyeballs
type syslog_config
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
    (** Printer producing OCaml source for a value (cross-stage persistence). *)
    type 'a serialize = Format.formatter -> 'a -> unit
    (** Name of the Cmdliner converter used at runtime. *)
    type 'a runtime_conv = string
    (** Converter between command-line strings and OCaml values, usable at both stages. *)
    type 'a converter
    (** An argument holding a value of the given type. *)
    type 'a t
    (** Documentation and names of an argument. *)
    type info
    (** When an argument is read: by mirage configure, by the running unikernel, or both. *)
    type stage = [ `Configure | `Run | `Both ]
    (** Builds a converter from a Cmdliner converter, an OCaml printer and a runtime converter name. *)
    val conv : conv:'a Cmdliner.Arg.conv -> serialize:'a serialize -> runtime_conv:'a runtime_conv -> 'a converter
    (** Converter for strings. *)
    val string : string converter
    (** Converter for booleans. *)
    val bool : bool converter
    (** Converter for integers. *)
    val int : int converter
    (** Converter for 64-bit integers. *)
    val int64 : int64 converter
    (** Converter for separated lists (default separator ','). *)
    val list : ?sep:char -> 'a converter -> 'a list converter
    (** Converter for separated pairs (default separator ','). *)
    val pair : ?sep:char -> 'a converter -> 'b converter -> ('a * 'b) converter
    (** Converter for optional values. *)
    val some : 'a converter -> 'a option converter
    (** Documentation and option names of a key's argument (docs default to UNIKERNEL PARAMETERS). *)
    val info : ?docs:string -> ?docv:string -> ?doc:string -> ?env:string -> string list -> info
    (** Optional argument with a default; ~stage says whether it is read at configure, run or both. *)
    val opt : ?stage:stage -> 'a converter -> 'a -> info -> 'a t
    (** Argument that must be given; ~stage says when it is read. *)
    val required : ?stage:stage -> 'a converter -> info -> 'a option t
    (** Boolean flag argument; ~stage says when it is read. *)
    val flag : ?stage:stage -> info -> bool t
    (** Repeatable argument collecting every occurrence; ~stage says when it is read. *)
    val opt_all : ?stage:stage -> 'a converter -> info -> 'a list t
    (** Converter for IPv4 addresses. *)
    val ipv4_address : Ipaddr.V4.t converter
    (** Converter for IPv4 address/prefix pairs such as 10.0.0.2/24. *)
    val ipv4 : Ipaddr.V4.Prefix.t converter
    (** Converter for IPv6 addresses. *)
    val ipv6_address : Ipaddr.V6.t converter
    (** Converter for IPv6 address/prefix pairs. *)
    val ipv6 : Ipaddr.V6.Prefix.t converter
    (** Converter for IPv4 or IPv6 addresses. *)
    val ip_address : Ipaddr.t converter
  end

  (** A key whose value type has been hidden. *)
  type t = abstract_key
  (** Unix-like targets. *)
  type mode_unix = [ `Unix | `MacOSX ]
  (** Xen-based targets. *)
  type mode_xen = [ `Xen | `Qubes ]
  (** Solo5-based targets. *)
  type mode_solo5 = [ `Hvt | `Spt | `Virtio | `Muen | `Genode ]
  (** Every target of -t. *)
  type mode = [ `Unix | `MacOSX | `Xen | `Qubes | `Hvt | `Spt | `Virtio | `Muen | `Genode ]
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
  (** Forgets the value type of a key; deprecated alias of Key.v. *)
  val abstract : 'a key -> t [@@deprecated "Use Mirage.Key.v."]
  (** Equality of untyped keys. *)
  val equal : t -> t -> bool
  (** Hash function of untyped keys. *)
  val hash : t -> int
  (** Total order on untyped keys. *)
  val compare : t -> t -> int
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
  (** True if the key is read when the unikernel runs (stage Run or Both). *)
  val is_runtime : t -> bool
  (** True if the key is read by mirage configure (stage Configure or Both). *)
  val is_configure : t -> bool
  (** Keeps only the keys available at the given stage. *)
  val filter_stage : Arg.stage -> Set.t -> Set.t

  (** Configure-only aliases that set other keys. *)
  module Alias : sig
    (** An alias producing a value of the given type. *)
    type 'a t
    (** Makes the alias also set the key, through the function (None sets nothing). *)
    val add : 'b key -> ('a -> 'b option) -> 'a t -> 'a t
    (** Configure-only flag alias. *)
    val flag : Arg.info -> bool t
  end

  (** Creates a configure-only alias key that sets other keys (see Alias). *)
  val alias : string -> 'a Alias.t -> 'a key
  (** The aliases defined for a key. *)
  val aliases : t -> Set.t
  (** Prints a whole parsing context. *)
  val dump_context : context Fmt.t
  (** The parsing context with no binding. *)
  val empty_context : context
  (** Merges two parsing contexts, the second taking precedence over ~default. *)
  val merge_context : default:context -> context -> context
  (** Binds a key to a value in a parsing context. *)
  val add_to_context : 'a key -> 'a -> context -> context
  (** Cmdliner term parsing the given keys into a context. *)
  val context : ?stage:Arg.stage -> with_required:bool -> Set.t -> context Cmdliner.Term.t
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
  (** OCaml identifier used for the key in generated code. *)
  val ocaml_name : t -> string
  (** Prints the Key_gen accessor call for a key. *)
  val serialize_call : t Fmt.t
  (** Prints the Cmdliner code that parses the key at runtime. *)
  val serialize : context -> t Fmt.t
  (** Name of the generated module that holds the keys (Key_gen). *)
  val module_name : string
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
  (** Runtime key --backtrace turning on OCaml backtraces. *)
  val backtrace : bool key
  (** Runtime key --randomize-hashtables. *)
  val randomize_hashtables : bool key
  (** Runtime key --allocation-policy selecting the GC allocation policy. *)
  val allocation_policy : [ `Next_fit | `First_fit | `Best_fit ] key
  (** Runtime key --minor-heap-size (GC setting). *)
  val minor_heap_size : int option key
  (** Runtime key --major-heap-increment (GC setting). *)
  val major_heap_increment : int option key
  (** Runtime key --space-overhead (GC setting). *)
  val space_overhead : int option key
  (** Runtime key --max-space-overhead (GC setting). *)
  val max_space_overhead : int option key
  (** Runtime key --gc-verbosity (GC setting). *)
  val gc_verbosity : int option key
  (** Runtime key --gc-window-size (GC setting). *)
  val gc_window_size : int option key
  (** Runtime key --custom-major-ratio (GC setting). *)
  val custom_major_ratio : int option key
  (** Runtime key --custom-minor-ratio (GC setting). *)
  val custom_minor_ratio : int option key
  (** Runtime key --custom-minor-max-size (GC setting). *)
  val custom_minor_max_size : int option key
  (** Runtime key --delay: seconds to wait before the unikernel starts (default 0). *)
  val delay : int key
  (** Configure key --kv_ro choosing the read-only store of generic_kv_ro (crunch or direct). *)
  val kv_ro : ?group:string -> unit -> [ `Crunch | `Direct ] key
  (** Configure key --block choosing the block device of generic_block (xenstore, file or ramdisk). *)
  val block : ?group:string -> unit -> [ `XenstoreId | `BlockFile | `Ramdisk ] key
  (** Key --dhcp telling generic stacks whether to configure IPv4 by DHCP. *)
  val dhcp : ?group:string -> unit -> bool key
  (** Configure key --net choosing the network stack of generic stacks (direct or socket). *)
  val net : ?group:string -> unit -> [ `Direct | `Socket ] option key
  (** Runtime key --interface naming the network interface. *)
  val interface : ?group:string -> string -> string key

  (** Runtime keys for IPv4 configuration. *)
  module V4 : sig
    (** Runtime key --ipv4 with the IPv4 address and prefix. *)
    val network : ?group:string -> Ipaddr.V4.Prefix.t -> Ipaddr.V4.Prefix.t key
    (** Runtime key --ipv4-gateway with the default IPv4 gateway. *)
    val gateway : ?group:string -> Ipaddr.V4.t option -> Ipaddr.V4.t option key
  end

  (** Runtime keys for IPv6 configuration. *)
  module V6 : sig
    (** Runtime key --ipv6 with the IPv6 address and prefix. *)
    val network : ?group:string -> Ipaddr.V6.Prefix.t option -> Ipaddr.V6.Prefix.t option key
    (** Runtime key --ipv6-gateway with the default IPv6 gateway. *)
    val gateway : ?group:string -> Ipaddr.V6.t option -> Ipaddr.V6.t option key
    (** Runtime key --accept-router-advertisements for IPv6. *)
    val accept_router_advertisements : ?group:string -> unit -> bool key
  end

  (** Runtime key --ipv4-only restricting the stack to IPv4. *)
  val ipv4_only : ?group:string -> unit -> bool key
  (** Runtime key --ipv6-only restricting the stack to IPv6. *)
  val ipv6_only : ?group:string -> unit -> bool key
  (** Runtime key --resolver listing DNS resolvers. *)
  val resolver : ?default:string list -> unit -> string list option key
  (** Runtime key --syslog with the syslog server address. *)
  val syslog : Ipaddr.t option -> Ipaddr.t option key
  (** Runtime key --syslog-port with the syslog server port. *)
  val syslog_port : int option -> int option key
  (** Runtime key --syslog-hostname naming this host in syslog messages. *)
  val syslog_hostname : string -> string key
  (** Runtime key -l/--logs setting log levels per source. *)
  val logs : Mirage_runtime.log_threshold list key
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
  type t
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
(** Old name of dep: erases an implementation's type to use it as a dependency. *)
val abstract : 'a impl -> abstract_impl [@@deprecated "Use Mirage.dep."]
(** Forgets the value type of a configure-time key, for lists such as ~keys. *)
val key : 'a key -> Key.t
(** Picks the first implementation when the configure-time boolean is true, the second otherwise. *)
val if_impl : bool value -> 'a impl -> 'a impl -> 'a impl
(** Chooses an implementation by comparing a configure-time value with each case, else ~default. *)
val match_impl : 'b value -> default:'a impl -> ('b * 'a impl) list -> 'a impl
(** Declares an opam package (optional findlib libs, sublibs, [min,max) bounds, pin) the unikernel needs. *)
val package : ?scope:scope -> ?build:bool -> ?sublibs:string list -> ?libs:string list -> ?min:string -> ?max:string -> ?pin:string -> ?pin_version:string -> string -> package
(** Declares the unikernel's own module or functor by name; alias of main whose ~deps means extra deps. *)
val foreign : ?packages:package list -> ?packages_v:package list value -> ?keys:abstract_key list -> ?deps:abstract_impl list -> string -> 'a typ -> 'a impl
(** Declares the unikernel's own module or functor (module path + type); ~keys become runtime arguments. *)
val main : ?packages:package list -> ?packages_v:package list value -> ?keys:abstract_key list -> ?extra_deps:abstract_impl list -> string -> 'a typ -> 'a impl
(** Turns a low-level Functoria device description into an implementation usable in the DSL. *)
val of_device : 'a device -> 'a impl
(** Defines a custom device from a module name and a type; ~connect returns the connect code as a string. *)
val impl : ?packages:package list -> ?packages_v:package list value -> ?install:(Info.t -> Install.t) -> ?install_v:(Info.t -> Install.t value) -> ?keys:Key.t list -> ?extra_deps:abstract_impl list -> ?connect:(Info.t -> string -> string list -> string) -> ?dune:(Info.t -> Dune.stanza list) -> ?configure:(Info.t -> unit Action.t) -> ?files:(Info.t -> Fpath.t list) -> string -> 'a typ -> 'a impl

(* ---- Mirage devices ---- *)

(** Module type of a handle on the Qubes DB configuration store. *)
val qubesdb : qubesdb typ
(** Default Qubes DB connection; only the xen and qubes targets accept it at configure time. *)
val default_qubesdb : qubesdb impl
(** Module type of a sleep source (Mirage_time.S), passed to functors that need timeouts. *)
val time : time typ
(** Default sleep source for the chosen target. *)
val default_time : time impl
(** Module type of a POSIX wall clock (Mirage_clock.PCLOCK). *)
val pclock : pclock typ
(** Default POSIX wall clock for the chosen target. *)
val default_posix_clock : pclock impl
(** Module type of a monotonic clock (Mirage_clock.MCLOCK). *)
val mclock : mclock typ
(** Default monotonic clock for the chosen target. *)
val default_monotonic_clock : mclock impl
(** Module type of a log reporter. *)
val reporter : reporter typ
(** Console log reporter with timestamps; ~level is the default threshold (Some Logs.Info if omitted). *)
val default_reporter : ?clock:pclock impl -> ?level:Logs.level option -> unit -> reporter impl
(** Reporter that turns logging off. *)
val no_reporter : reporter impl
(** Module type of a source of randomness (Mirage_random.S). *)
val random : random typ
(** Default random device: host entropy (getrandom/getentropy) on unix, a Fortuna generator elsewhere. *)
val default_random : random impl
(** Fortuna random generator from mirage-crypto-rng, built on the given sleep source and clock. *)
val rng : ?time:time impl -> ?mclock:mclock impl -> unit -> random impl
(** Module type of a text console (Mirage_console.S); deprecated, log with Logs instead. *)
val console : console typ [@@deprecated "use Logs and Printf instead"]
(** Default console of the target; deprecated, log with Logs instead. *)
val default_console : console impl [@@deprecated "use Logs and Printf instead"]
(** Console with the given name; deprecated, log with Logs instead. *)
val custom_console : string -> console impl [@@deprecated "use Logs and Printf instead"]
(** Module type of a block device (Mirage_block.S). *)
val block : block typ
(** Block device by name: a file on unix, a manifest device on solo5, a vbd number on xen. *)
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
(** Read-only tar archive on a block device; deprecated alias of tar_kv_ro. *)
val archive : block impl -> kv_ro impl [@@deprecated "use Mirage.tar_kv_ro"]
(** Host directory read at runtime on unix/macosx; the crunch store on the other targets. *)
val direct_kv_ro : string -> kv_ro impl
(** Read-only store over a FAT file system on a block device. *)
val fat_ro : block impl -> kv_ro impl
(** Read-only store chosen by the --kv_ro configure key (crunch or direct; crunch by default). *)
val generic_kv_ro : ?group:string -> ?key:[ `Crunch | `Direct ] value -> string -> kv_ro impl
(** Read-only store in a Git-pack disk image built from a repository or directory (attach it as a block). *)
val docteur : ?mode:[ `Fast | `Light ] -> ?disk:string key -> ?analyze:bool key -> ?branch:string -> ?extra_deps:string list -> string -> kv_ro impl
(** Module type of a read-write key/value store (Mirage_kv.RW). *)
val kv_rw : kv_rw typ
(** Read-write store in a host directory; meant for unix, other targets fail at build time. *)
val direct_kv_rw : string -> kv_rw impl
(** Read-write store kept in memory. *)
val kv_rw_mem : ?clock:pclock impl -> unit -> kv_rw impl
(** Read-write littlefs store on a block device; the program block size comes from the first argument. *)
val chamelon : program_block_size:int key -> ?pclock:pclock impl -> block impl -> kv_rw impl
(** Append-only read-write store in a tar archive on a block device. *)
val tar_kv_rw : ?pclock:pclock impl -> block impl -> kv_rw impl
(** Wraps a block device with AES-CCM encryption keyed by the given key. *)
val ccm_block : ?nonce_len:int -> string option key -> block impl -> block impl
(** Module type of a network interface (Mirage_net.S). *)
val network : network typ
(** Default interface of the target: tap0 on unix/macosx, service on solo5, 0 on xen/qubes. *)
val default_network : network impl
(** Interface with the given name; non-solo5 targets let --interface override it at runtime. *)
val netif : ?group:string -> string -> network impl
(** Module type of an Ethernet layer (Ethernet.S). *)
val ethernet : ethernet typ
(** Ethernet layer on top of a network interface. *)
val etif : network impl -> ethernet impl
(** Module type of an ARP implementation for IPv4 (Arp.S). *)
val arpv4 : arpv4 typ
(** ARP resolution on top of an Ethernet layer. *)
val arp : ?time:time impl -> ethernet impl -> arpv4 impl
(** Module type of an IPv4 layer (Tcpip.Ip.S for v4). *)
val ipv4 : ipv4 typ
(** Module type of an IPv6 layer (Tcpip.Ip.S for v6). *)
val ipv6 : ipv6 typ
(** Module type of a dual-stack IP layer. *)
val ipv4v6 : ipv4v6 typ
(** Static IPv4 layer; the --ipv4 and --ipv4-gateway options override the optional ~config record. *)
val create_ipv4 : ?group:string -> ?config:ipv4_config -> ?no_init:bool key -> ?random:random impl -> ?clock:mclock impl -> ethernet impl -> arpv4 impl -> ipv4 impl
(** IPv4 layer configured from Qubes DB (for Qubes VMs). *)
val ipv4_qubes : ?random:random impl -> ?clock:mclock impl -> qubesdb impl -> ethernet impl -> arpv4 impl -> ipv4 impl
(** IPv6 layer; address and gateway come from --ipv6/--ipv6-gateway or router advertisements. *)
val create_ipv6 : ?random:random impl -> ?time:time impl -> ?clock:mclock impl -> ?group:string -> ?config:ipv6_config -> ?no_init:bool key -> network impl -> ethernet impl -> ipv6 impl
(** Dual-stack IP layer from an IPv4 and an IPv6 layer. *)
val create_ipv4v6 : ?group:string -> ipv4 impl -> ipv6 impl -> ipv4v6 impl
(** Module type of a UDP layer over an IP layer of the same version. *)
val udp : 'a udp typ
(** Module type of a dual-stack UDP layer. *)
val udpv4v6 : udpv4v6 typ
(** UDP layer implemented in OCaml on top of the given IP layer. *)
val direct_udp : ?random:random impl -> 'a ip impl -> 'a udp impl
(** UDP through host sockets bound to the optional addresses; unix/macosx only. *)
val socket_udpv4v6 : ?group:string -> Ipaddr.V4.t option -> Ipaddr.V6.t option -> udpv4v6 impl
(** Module type of a TCP layer over an IP layer of the same version. *)
val tcp : 'a tcp typ
(** Module type of a dual-stack TCP layer. *)
val tcpv4v6 : tcpv4v6 typ
(** TCP layer implemented in OCaml on top of the given IP layer. *)
val direct_tcp : ?mclock:mclock impl -> ?time:time impl -> ?random:random impl -> 'a ip impl -> 'a tcp impl
(** TCP through host sockets bound to the optional addresses; unix/macosx only. *)
val socket_tcpv4v6 : ?group:string -> Ipaddr.V4.t option -> Ipaddr.V6.t option -> tcpv4v6 impl
(** Module type of a full dual-stack TCP/IP stack (Tcpip.Stack.V4V6). *)
val stackv4v6 : stackv4v6 typ
(** TCP/IP stack assembled in OCaml from the given interface, Ethernet, ARP, IPv4 and IPv6 layers. *)
val direct_stackv4v6 : ?mclock:mclock impl -> ?random:random impl -> ?time:time impl -> ?tcp:tcpv4v6 impl -> ipv4_only:bool key -> ipv6_only:bool key -> network impl -> ethernet impl -> arpv4 impl -> ipv4 impl -> ipv6 impl -> stackv4v6 impl
(** TCP/IP stack using the host's sockets; unix/macosx only. *)
val socket_stackv4v6 : ?group:string -> unit -> stackv4v6 impl
(** OCaml TCP/IP stack with static addresses taken from the runtime arguments (or the records). *)
val static_ipv4v6_stack : ?group:string -> ?ipv6_config:ipv6_config -> ?ipv4_config:ipv4_config -> ?arp:(ethernet impl -> arpv4 impl) -> ?tcp:tcpv4v6 impl -> network impl -> stackv4v6 impl
(** Stack picked at configure time: Qubes DB, DHCP, host sockets (unix default) or static addresses. *)
val generic_stackv4v6 : ?group:string -> ?ipv6_config:ipv6_config -> ?ipv4_config:ipv4_config -> ?dhcp_key:bool value -> ?net_key:[ `Direct | `Socket ] option value -> ?tcp:tcpv4v6 impl -> network impl -> stackv4v6 impl
(** Extracts the TCP layer of a stack, for devices that want plain TCP. *)
val tcpv4v6_of_stackv4v6 : stackv4v6 impl -> tcpv4v6 impl
(** Module type of a Conduit name resolver. *)
val resolver : resolver typ
(** Conduit resolver that queries DNS over the given stack (optional nameservers). *)
val resolver_dns : ?ns:string list -> ?time:time impl -> ?mclock:mclock impl -> ?pclock:pclock impl -> ?random:random impl -> stackv4v6 impl -> resolver impl
(** Resolver using the host's system resolver; only the unix and macosx targets accept it. *)
val resolver_unix_system : resolver impl
(** Module type of a DNS stub resolver client. *)
val dns_client : dns_client typ
(** DNS client over a stack; nameservers are strings such as udp:IP, tcp:IP or tls:IP. *)
val generic_dns_client : ?timeout:int64 option key -> ?nameservers:string list key -> ?random:random impl -> ?time:time impl -> ?mclock:mclock impl -> ?pclock:pclock impl -> stackv4v6 impl -> dns_client impl
(** Module type of a Happy Eyeballs connection establisher. *)
val happy_eyeballs : happy_eyeballs typ
(** Happy Eyeballs over the given stack and DNS client; the timeout keys are in nanoseconds. *)
val generic_happy_eyeballs : ?aaaa_timeout:int64 option key -> ?connect_delay:int64 option key -> ?connect_timeout:int64 option key -> ?resolve_timeout:int64 option key -> ?resolve_retries:int64 option key -> ?timer_interval:int64 option key -> ?time:time impl -> ?mclock:mclock impl -> stackv4v6 impl -> dns_client impl -> happy_eyeballs impl
(** Builds the syslog settings record (hostname, server, port, truncation). *)
val syslog_config : ?port:int -> ?truncate:int -> ?server:Ipaddr.t -> string -> syslog_config
(** Module type of a syslog log reporter. *)
val syslog : syslog typ
(** Sends log messages to a syslog server over UDP. *)
val syslog_udp : ?config:syslog_config -> ?clock:pclock impl -> stackv4v6 impl -> syslog impl
(** Sends log messages to a syslog server over TCP. *)
val syslog_tcp : ?config:syslog_config -> ?clock:pclock impl -> stackv4v6 impl -> syslog impl
(** Sends log messages to a syslog server over TLS, with credentials read from the key/value store. *)
val syslog_tls : ?config:syslog_config -> ?keyname:string -> ?clock:pclock impl -> stackv4v6 impl -> kv_ro impl -> syslog impl
(** Module type of a Conduit connection manager. *)
val conduit : conduit typ
(** Conduit over the given stack; ~tls:true adds TLS support. *)
val conduit_direct : ?tls:bool -> ?random:random impl -> stackv4v6 impl -> conduit impl
(** Module type of a Mimic connection context. *)
val mimic : mimic typ
(** Mimic context that connects through the stack using the DNS client and Happy Eyeballs. *)
val mimic_happy_eyeballs : stackv4v6 impl -> dns_client impl -> happy_eyeballs impl -> mimic impl
(** Module type of a Cohttp-style HTTP server. *)
val http : http typ
(** HTTP server implemented with cohttp over Conduit. *)
val cohttp_server : conduit impl -> http impl
(** HTTP server implemented with http/af over Conduit. *)
val httpaf_server : conduit impl -> http impl
(** Module type of a Cohttp HTTP client. *)
val http_client : http_client typ
(** HTTP client implemented with cohttp, using the resolver and Conduit. *)
val cohttp_client : ?pclock:pclock impl -> resolver impl -> conduit impl -> http_client impl
(** Module type of an HTTP/1.1 and HTTP/2 server built with paf. *)
val http_server : http_server typ
(** paf HTTP server listening on the given port over TCP. *)
val paf_server : port:int key -> tcpv4v6 impl -> http_server impl
(** Module type of an HTTP client negotiating the protocol with ALPN. *)
val alpn_client : alpn_client typ
(** paf HTTP(S) client over TCP and Mimic (http/1.1 and h2 via ALPN). *)
val paf_client : ?pclock:pclock impl -> tcpv4v6 impl -> mimic impl -> alpn_client impl
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
val git_ssh : ?authenticator:string option key -> key:string option key -> password:string option key -> ?mclock:mclock impl -> ?time:time impl -> tcpv4v6 impl -> mimic impl -> git_client impl
(** Git client over HTTP(S) with optional extra headers and TLS authenticator. *)
val git_http : ?authenticator:string option key -> ?headers:(string * string) list key -> ?pclock:pclock impl -> tcpv4v6 impl -> mimic impl -> git_client impl
(** Module type of a startable unit: a module with a start function; what register expects. *)
val job : job typ
(** A job with no state and no effect; handy as a dummy functor argument. *)
val noop : job impl
(** Job that parses the unikernel command line into the runtime keys; used by register internally. *)
val keys : argv impl -> job impl
(** Module type of the build-information device made available to the unikernel at runtime. *)
val info : info typ
(** Device exposing build information (name, libraries) to the running unikernel. *)
val app_info : info impl
(** Build-information device whose library list is the given (name, version) pairs. *)
val app_info_with_opam_deps : (string * string) list -> info impl
(** Names the unikernel and its jobs and runs the configure tool; ~keys and ~packages are added globally. *)
val register : ?argv:argv impl -> ?reporter:reporter impl -> ?keys:Key.t list -> ?packages:package list -> ?src:[ `Auto | `None | `Some of string ] -> string -> job impl list -> unit

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
