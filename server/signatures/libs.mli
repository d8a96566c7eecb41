(* External libraries a config.ml can reach through mirage's dependencies. *)
(* Written for mirage-lsp. Every module is a partial listing: only values whose types are certain are given. *)

(** Declarative command-line interfaces (Cmdliner 1.1 - 2.x); used by configure keys and runtime arguments. *)
module Cmdliner : sig
  [@@@mirage.partial]

  (** Terms: computations over parsed command lines. *)
  module Term : sig
    [@@@mirage.partial]
    (** A term evaluating to a value of the given type. *)
    type +'a t
    (** Term returning a constant. *)
    val const : 'a -> 'a t
    (** Applies a function term to an argument term. *)
    val app : ('a -> 'b) t -> 'a t -> 'b t
    (** Applies a function term to an argument term. *)
    val ( $ ) : ('a -> 'b) t -> 'a t -> 'b t
  end

  (** Commands and their environment variables. *)
  module Cmd : sig
    [@@@mirage.partial]

    (** Environment variables. *)
    module Env : sig
      [@@@mirage.partial]
      type var = string
      (** Description of an environment variable. *)
      type info
      (** Describes an environment variable that can set an argument. *)
      val info : ?deprecated:string -> ?docs:string -> ?doc:string -> var -> info
    end

    (** Description of a command. *)
    type info
    (** A command evaluating to a value of the given type. *)
    type 'a t
  end

  (** Command-line arguments and converters. *)
  module Arg : sig
    [@@@mirage.partial]
    (** Printer of a converter. *)
    type 'a printer = Format.formatter -> 'a -> unit
    (** Converter between command-line strings and values. *)
    type 'a conv
    (** Builds a converter from a parser and a printer. *)
    val conv : ?docv:string -> (string -> ('a, [ `Msg of string ]) result) * 'a printer -> 'a conv
    (** Parsing function of a converter. *)
    val conv_parser : 'a conv -> string -> ('a, [ `Msg of string ]) result
    (** Printing function of a converter. *)
    val conv_printer : 'a conv -> 'a printer
    (** Converter for strings. *)
    val string : string conv
    (** Converter for integers. *)
    val int : int conv
    (** Converter for booleans (true/false). *)
    val bool : bool conv
    (** Converter for floats. *)
    val float : float conv
    (** Converter for characters. *)
    val char : char conv
    (** Converter for 32-bit integers. *)
    val int32 : int32 conv
    (** Converter for 64-bit integers. *)
    val int64 : int64 conv
    (** Converter for native integers. *)
    val nativeint : nativeint conv
    (** Converter choosing among named values. *)
    val enum : (string * 'a) list -> 'a conv
    (** Converter for separated lists (default ','). *)
    val list : ?sep:char -> 'a conv -> 'a list conv
    (** Converter for separated arrays (default ','). *)
    val array : ?sep:char -> 'a conv -> 'a array conv
    (** Converter for separated pairs (default ','). *)
    val pair : ?sep:char -> 'a conv -> 'b conv -> ('a * 'b) conv
    (** Converter for separated pairs (default ','). *)
    val t2 : ?sep:char -> 'a conv -> 'b conv -> ('a * 'b) conv
    (** Converter for separated triples (default ','). *)
    val t3 : ?sep:char -> 'a conv -> 'b conv -> 'c conv -> ('a * 'b * 'c) conv
    (** Converter for optional values; ~none documents the absent case. *)
    val some : ?none:string -> 'a conv -> 'a option conv
    (** Converter for optional values; ~none is printed when absent. *)
    val some' : ?none:'a -> 'a conv -> 'a option conv
    (** Converter for paths of existing files or directories. *)
    val file : string conv
    (** Converter for paths of existing directories. *)
    val dir : string conv
    (** Converter for paths of existing files that are not directories. *)
    val non_dir_file : string conv
    (** An argument holding a value of the given type. *)
    type 'a t
    (** Documentation and names of an argument. *)
    type info
    (** Names and documentation of an argument (~doc_envs exists from Cmdliner 2.0 on). *)
    val info : ?deprecated:string -> ?absent:string -> ?docs:string -> ?doc_envs:Cmd.Env.info list -> ?docv:string -> ?doc:string -> ?env:Cmd.Env.info -> string list -> info
    (** Applies an argument constructor to its info: opt int 8 & info ["n"]. *)
    val ( & ) : ('a -> 'b) -> 'a -> 'b
    (** Boolean flag. *)
    val flag : info -> bool t
    (** Repeatable boolean flag. *)
    val flag_all : info -> bool list t
    (** One of several flags, each giving a value. *)
    val vflag : 'a -> ('a * info) list -> 'a t
    (** Optional argument with a default (~vopt when given without a value). *)
    val opt : ?vopt:'a -> 'a conv -> 'a -> info -> 'a t
    (** Repeatable optional argument. *)
    val opt_all : ?vopt:'a -> 'a conv -> 'a list -> info -> 'a list t
    (** Positional argument at an index. *)
    val pos : ?rev:bool -> int -> 'a conv -> 'a -> info -> 'a t
    (** Every positional argument. *)
    val pos_all : 'a conv -> 'a list -> info -> 'a list t
    (** Term of an argument's value. *)
    val value : 'a t -> 'a Term.t
    (** Term that fails if the argument is absent. *)
    val required : 'a option t -> 'a Term.t
    (** Term that fails if the list is empty. *)
    val non_empty : 'a list t -> 'a list Term.t
    (** Term of the last occurrence. *)
    val last : 'a list t -> 'a Term.t
  end
end

(** Format-based pretty-printers (fmt library). *)
module Fmt : sig
  [@@@mirage.partial]
  (** A printer for values of the given type. *)
  type 'a t = Format.formatter -> 'a -> unit
  (** Formatter on stdout. *)
  val stdout : Format.formatter
  (** Formatter on stderr. *)
  val stderr : Format.formatter
  (** Formats on a formatter. *)
  val pf : Format.formatter -> ('a, Format.formatter, unit) format -> 'a
  (** Formats on stdout. *)
  val pr : ('a, Format.formatter, unit) format -> 'a
  (** Formats on stderr. *)
  val epr : ('a, Format.formatter, unit) format -> 'a
  (** Formats into a string; handy for connect code in custom devices. *)
  val str : ('a, Format.formatter, unit, string) format4 -> 'a
  (** Formats into a string and passes it to a continuation. *)
  val kstr : (string -> 'a) -> ('b, Format.formatter, unit, 'a) format4 -> 'b
  (** Raises Failure with a formatted message. *)
  val failwith : ('a, Format.formatter, unit, 'b) format4 -> 'a
  (** Raises Invalid_argument with a formatted message. *)
  val invalid_arg : ('a, Format.formatter, unit, 'b) format4 -> 'a
  (** Error result with a formatted message. *)
  val error : ('b, Format.formatter, unit, ('a, string) result) format4 -> 'b
  (** Error result with a formatted `Msg. *)
  val error_msg : ('b, Format.formatter, unit, ('a, [> `Msg of string ]) result) format4 -> 'b
  (** Printer that prints nothing. *)
  val nop : 'a t
  (** Printer that prints a constant format. *)
  val any : (unit, Format.formatter, unit) format -> 'a t
  (** Prints a value after transforming it. *)
  val using : ('a -> 'b) -> 'b t -> 'a t
  (** Prints a constant value whatever the argument. *)
  val const : 'a t -> 'a -> 'b t
  (** Break hint. *)
  val cut : 'a t
  (** Breakable space. *)
  val sp : 'a t
  (** Comma and breakable space. *)
  val comma : 'a t
  (** Semicolon and breakable space. *)
  val semi : 'a t
  (** Prints with both printers. *)
  val append : 'a t -> 'a t -> 'a t
  (** Prints with both printers. *)
  val ( ++ ) : 'a t -> 'a t -> 'a t
  (** Pretty-printing box. *)
  val box : ?indent:int -> 'a t -> 'a t
  (** Horizontal box. *)
  val hbox : 'a t -> 'a t
  (** Vertical box. *)
  val vbox : ?indent:int -> 'a t -> 'a t
  (** Horizontal-or-vertical box. *)
  val hvbox : ?indent:int -> 'a t -> 'a t
  (** Wraps in parentheses. *)
  val parens : 'a t -> 'a t
  (** Wraps in brackets. *)
  val brackets : 'a t -> 'a t
  (** Wraps in braces. *)
  val braces : 'a t -> 'a t
  (** Wraps in quotes. *)
  val quote : ?mark:string -> 'a t -> 'a t
  (** Prints a boolean. *)
  val bool : bool t
  (** Prints an integer. *)
  val int : int t
  (** Prints a 32-bit integer. *)
  val int32 : int32 t
  (** Prints a 64-bit integer. *)
  val int64 : int64 t
  (** Prints a float. *)
  val float : float t
  (** Prints a character. *)
  val char : char t
  (** Prints a string. *)
  val string : string t
  (** Prints an exception. *)
  val exn : exn t
  (** Prints a pair. *)
  val pair : ?sep:unit t -> 'a t -> 'b t -> ('a * 'b) t
  (** Prints an option. *)
  val option : ?none:unit t -> 'a t -> 'a option t
  (** Prints a result. *)
  val result : ok:'a t -> error:'b t -> ('a, 'b) result t
  (** Prints a list. *)
  val list : ?sep:unit t -> 'a t -> 'a list t
  (** Prints an array. *)
  val array : ?sep:unit t -> 'a t -> 'a array t
  (** Printer built from a to_string function. *)
  val of_to_string : ('a -> string) -> 'a t
  (** to_string function built from a printer. *)
  val to_to_string : 'a t -> 'a -> string
end

(** Logging (logs library). *)
module Logs : sig
  [@@@mirage.partial]
  (** Log levels, from always printed to most verbose. *)
  type level = App | Error | Warning | Info | Debug
  (** A named log source. *)
  type src
  (** Current global level. *)
  val level : unit -> level option
  (** Sets the global level (~all: also every source). *)
  val set_level : ?all:bool -> level option -> unit
  (** Prints a level. *)
  val pp_level : Format.formatter -> level -> unit
  (** Name of a level ("quiet" for None). *)
  val level_to_string : level option -> string
  (** Parses a level name. *)
  val level_of_string : string -> (level option, [ `Msg of string ]) result
  (** The default source. *)
  val default : src

  (** Log sources. *)
  module Src : sig
    [@@@mirage.partial]
    type t = src
    (** Creates a source with a name. *)
    val create : ?doc:string -> string -> src
    (** Name of a source. *)
    val name : src -> string
    (** Level of a source. *)
    val level : src -> level option
    (** Sets the level of a source. *)
    val set_level : src -> level option -> unit
    (** All sources created so far. *)
    val list : unit -> src list
  end

  (** Message tags. *)
  module Tag : sig
    [@@@mirage.partial]
    (** Sets of tags. *)
    type set
  end

  (** Message function receiving the formatting function. *)
  type ('a, 'b) msgf = (?header:string -> ?tags:Tag.set -> ('a, Format.formatter, unit, 'b) format4 -> 'a) -> 'b
  (** Logging function type. *)
  type 'a log = ('a, unit) msgf -> unit
  (** Logs at a level. *)
  val msg : ?src:src -> level -> 'a log
  (** Logs at App level. *)
  val app : ?src:src -> 'a log
  (** Logs at Error level. *)
  val err : ?src:src -> 'a log
  (** Logs at Warning level. *)
  val warn : ?src:src -> 'a log
  (** Logs at Info level. *)
  val info : ?src:src -> 'a log
  (** Logs at Debug level. *)
  val debug : ?src:src -> 'a log
  (** Reporters that print log messages. *)
  type reporter
  (** Reporter that drops everything. *)
  val nop_reporter : reporter
  (** Installs a reporter. *)
  val set_reporter : reporter -> unit
end

(** IP addresses and prefixes (ipaddr library). *)
module Ipaddr : sig
  [@@@mirage.partial]

  (** IPv4 addresses. *)
  module V4 : sig
    [@@@mirage.partial]
    (** An IPv4 address. *)
    type t
    (** Address from four bytes. *)
    val make : int -> int -> int -> int -> t
    (** Parses a dotted address. *)
    val of_string : string -> (t, [> `Msg of string ]) result
    (** Parses a dotted address; raises Parse_error on bad input. *)
    val of_string_exn : string -> t
    (** Dotted representation. *)
    val to_string : t -> string
    (** Prints an address. *)
    val pp : Format.formatter -> t -> unit
    (** Address from a 32-bit integer. *)
    val of_int32 : int32 -> t
    (** Address as a 32-bit integer. *)
    val to_int32 : t -> int32
    (** 0.0.0.0. *)
    val any : t
    (** 0.0.0.0. *)
    val unspecified : t
    (** 255.255.255.255. *)
    val broadcast : t
    (** 127.0.0.1. *)
    val localhost : t

    (** IPv4 address prefixes (CIDR). *)
    module Prefix : sig
      [@@@mirage.partial]
      (** The address type of the enclosing module. *)
      type addr = Ipaddr.V4.t
      (** An address together with a prefix length, e.g. 10.0.0.2/24. *)
      type t
      (** Prefix of the given length containing the address. *)
      val make : int -> addr -> t
      (** Parses CIDR notation. *)
      val of_string : string -> (t, [> `Msg of string ]) result
      (** Parses CIDR notation; raises Parse_error on bad input. *)
      val of_string_exn : string -> t
      (** CIDR representation. *)
      val to_string : t -> string
      (** Prints a prefix. *)
      val pp : Format.formatter -> t -> unit
      (** The prefix with host bits cleared. *)
      val prefix : t -> t
      (** The address part. *)
      val address : t -> addr
      (** Prefix length. *)
      val bits : t -> int
      (** True if the address is in the prefix. *)
      val mem : addr -> t -> bool
    end
  end

  (** IPv6 addresses. *)
  module V6 : sig
    [@@@mirage.partial]
    (** An IPv6 address. *)
    type t
    (** Parses an address. *)
    val of_string : string -> (t, [> `Msg of string ]) result
    (** Parses an address; raises Parse_error on bad input. *)
    val of_string_exn : string -> t
    (** Textual representation. *)
    val to_string : t -> string
    (** Prints an address. *)
    val pp : Format.formatter -> t -> unit
    (** ::. *)
    val unspecified : t
    (** ::1. *)
    val localhost : t

    (** IPv6 address prefixes. *)
    module Prefix : sig
      [@@@mirage.partial]
      (** The address type of the enclosing module. *)
      type addr = Ipaddr.V6.t
      (** An address together with a prefix length. *)
      type t
      (** Prefix of the given length containing the address. *)
      val make : int -> addr -> t
      (** Parses CIDR notation. *)
      val of_string : string -> (t, [> `Msg of string ]) result
      (** Parses CIDR notation; raises Parse_error on bad input. *)
      val of_string_exn : string -> t
      (** CIDR representation. *)
      val to_string : t -> string
      (** Prints a prefix. *)
      val pp : Format.formatter -> t -> unit
      (** The prefix with host bits cleared. *)
      val prefix : t -> t
      (** The address part. *)
      val address : t -> addr
      (** Prefix length. *)
      val bits : t -> int
      (** True if the address is in the prefix. *)
      val mem : addr -> t -> bool
    end
  end

  (** Either an IPv4 or an IPv6 value. *)
  type ('v4, 'v6) v4v6 = V4 of 'v4 | V6 of 'v6
  (** An IPv4 or IPv6 address. *)
  type t = (V4.t, V6.t) v4v6
  (** Parses an IPv4 or IPv6 address. *)
  val of_string : string -> (t, [> `Msg of string ]) result
  (** Parses an IPv4 or IPv6 address; raises Parse_error on bad input. *)
  val of_string_exn : string -> t
  (** Textual representation. *)
  val to_string : t -> string
  (** Prints an address. *)
  val pp : Format.formatter -> t -> unit
  (** The IPv4 address, if it is one. *)
  val to_v4 : t -> V4.t option
  (** The address as IPv6 (IPv4 addresses are mapped). *)
  val to_v6 : t -> V6.t
end

(** File system paths (fpath library). *)
module Fpath : sig
  [@@@mirage.partial]
  (** A path. *)
  type t
  (** File extensions. *)
  type ext = string
  (** Path from a string; Invalid_argument if malformed. *)
  val v : string -> t
  (** Appends a segment. *)
  val ( / ) : t -> string -> t
  (** Appends a path. *)
  val ( // ) : t -> t -> t
  (** Appends a segment. *)
  val add_seg : t -> string -> t
  (** Appends a path. *)
  val append : t -> t -> t
  (** Adds an extension. *)
  val ( + ) : t -> ext -> t
  (** Adds an extension. *)
  val add_ext : ext -> t -> t
  (** Last non-empty segment. *)
  val basename : t -> string
  (** Last segment (empty for directory paths). *)
  val filename : t -> string
  (** Parent directory. *)
  val parent : t -> t
  (** Normalises . and .. segments. *)
  val normalize : t -> t
  (** Path as a string. *)
  val to_string : t -> string
  (** Parses a path. *)
  val of_string : string -> (t, [ `Msg of string ]) result
  (** Prints a path. *)
  val pp : Format.formatter -> t -> unit
  (** Path equality. *)
  val equal : t -> t -> bool
  (** Path comparison. *)
  val compare : t -> t -> int
  (** True for relative paths. *)
  val is_rel : t -> bool
  (** True for absolute paths. *)
  val is_abs : t -> bool
end

(** Runtime support library of unikernels (mirage-runtime). *)
module Mirage_runtime : sig
  [@@@mirage.partial]
  (** A log level setting: for all sources or one named source, and the level. *)
  type log_threshold = [ `All | `Src of string ] * Logs.level option
end

(** The Functoria library underlying Mirage's DSL (contents not listed). *)
module Functoria : sig
  [@@@mirage.partial]
end

(** Basic OS interaction (bos library; contents not listed). *)
module Bos : sig
  [@@@mirage.partial]
end

(** String helpers (astring library; contents not listed). *)
module Astring : sig
  [@@@mirage.partial]
end

(** Result helpers (rresult library; contents not listed). *)
module Rresult : sig
  [@@@mirage.partial]
end
