(* The OCaml standard library (4.14 / 5.x) as an unqualified config.ml sees it. *)
(* Written for mirage-lsp. Toplevel values are complete; the modules below are partial listings. *)

(* ---- Predefined types ---- *)

(** Native integers (63 bits on 64-bit hosts). *)
type int

(** Single bytes, used as characters. *)
type char

(** Immutable byte strings. *)
type string

(** Mutable byte sequences. *)
type bytes

(** Double-precision floating-point numbers. *)
type float

(** Booleans. *)
type bool = false | true

(** The type with one value, (). *)
type unit = ()

(** Exceptions; extended by every exception declaration. *)
type exn

(** Mutable arrays. *)
type 'a array

(** Immutable singly linked lists. *)
type 'a list = [] | ( :: ) of 'a * 'a list

(** Optional values. *)
type 'a option = None | Some of 'a

(** 32-bit integers. *)
type int32

(** 64-bit integers. *)
type int64

(** Platform-sized integers. *)
type nativeint

(** Unboxed float arrays. *)
type floatarray

(** Suspended computations (see Lazy). *)
type 'a lazy_t

(** Typed format strings, as used by Printf and Format. *)
type ('a, 'b, 'c, 'd, 'e, 'f) format6

(** Format strings with four type parameters. *)
type ('a, 'b, 'c, 'd) format4 = ('a, 'b, 'c, 'c, 'c, 'd) format6

(** Format strings with three type parameters. *)
type ('a, 'b, 'c) format = ('a, 'b, 'c, 'c) format4

(** Results of computations that can fail. *)
type ('a, 'b) result = Ok of 'a | Error of 'b

(** Mutable references. *)
type 'a ref = { mutable contents : 'a }

(** Input channels. *)
type in_channel

(** Output channels. *)
type out_channel

(** Opening modes for open_out_gen and open_in_gen. *)
type open_flag =
  | Open_rdonly
  | Open_wronly
  | Open_append
  | Open_creat
  | Open_trunc
  | Open_excl
  | Open_binary
  | Open_text
  | Open_nonblock

(** Classes of floating-point numbers. *)
type fpclass = FP_normal | FP_subnormal | FP_zero | FP_infinite | FP_nan

(* ---- Exceptions ---- *)

(** Raised when no pattern of a match applies (file, line, column). *)
exception Match_failure of (string * int * int)

(** Raised when an assertion fails (file, line, column). *)
exception Assert_failure of (string * int * int)

(** Raised by library functions given an invalid argument. *)
exception Invalid_argument of string

(** Raised by failwith and by library functions that fail. *)
exception Failure of string

(** Raised when a searched item does not exist. *)
exception Not_found

(** Raised when memory runs out. *)
exception Out_of_memory

(** Raised when the stack overflows. *)
exception Stack_overflow

(** Raised by system calls that fail. *)
exception Sys_error of string

(** Raised when reading past the end of input. *)
exception End_of_file

(** Raised by integer division or modulo by zero. *)
exception Division_by_zero

(** Raised by non-blocking I/O that would block. *)
exception Sys_blocked_io

(** Raised when a recursive module is used before it is defined. *)
exception Undefined_recursive_module of (string * int * int)

(** A general-purpose exception to leave loops early. *)
exception Exit

(* ---- Exceptions and control ---- *)

(** Raises an exception. *)
val raise : exn -> 'a
(** Raises an exception without recording a backtrace. *)
val raise_notrace : exn -> 'a
(** Raises Invalid_argument with the message. *)
val invalid_arg : string -> 'a
(** Raises Failure with the message. *)
val failwith : string -> 'a

(* ---- Comparisons ---- *)

(** Structural equality. *)
val ( = ) : 'a -> 'a -> bool
(** Structural inequality. *)
val ( <> ) : 'a -> 'a -> bool
(** Structural less-than. *)
val ( < ) : 'a -> 'a -> bool
(** Structural greater-than. *)
val ( > ) : 'a -> 'a -> bool
(** Structural less-or-equal. *)
val ( <= ) : 'a -> 'a -> bool
(** Structural greater-or-equal. *)
val ( >= ) : 'a -> 'a -> bool
(** Structural comparison: negative, zero or positive. *)
val compare : 'a -> 'a -> int
(** The smaller of two values. *)
val min : 'a -> 'a -> 'a
(** The larger of two values. *)
val max : 'a -> 'a -> 'a
(** Physical equality. *)
val ( == ) : 'a -> 'a -> bool
(** Physical inequality. *)
val ( != ) : 'a -> 'a -> bool

(* ---- Booleans ---- *)

(** Boolean negation. *)
val not : bool -> bool
(** Lazy boolean and. *)
val ( && ) : bool -> bool -> bool
(** Old spelling of &&. *)
val ( & ) : bool -> bool -> bool [@@deprecated "Use (&&) instead."]
(** Lazy boolean or. *)
val ( || ) : bool -> bool -> bool
(** Old spelling of ||. *)
val ( or ) : bool -> bool -> bool [@@deprecated "Use (||) instead."]

(* ---- Source positions ---- *)

(** Location of this expression as "File ..., line ..., characters ...". *)
val __LOC__ : string
(** Name of the current source file. *)
val __FILE__ : string
(** Current line number. *)
val __LINE__ : int
(** Name of the current module. *)
val __MODULE__ : string
(** Position (file, line, start column, end column); what Mirage's ~pos arguments expect. *)
val __POS__ : string * int * int * int
(** Name of the enclosing function. *)
val __FUNCTION__ : string
(** Pairs an expression with its location string. *)
val __LOC_OF__ : 'a -> string * 'a
(** Pairs an expression with its line number. *)
val __LINE_OF__ : 'a -> int * 'a
(** Pairs an expression with its position. *)
val __POS_OF__ : 'a -> (string * int * int * int) * 'a

(* ---- Function composition ---- *)

(** Reverse application: x |> f is f x. *)
val ( |> ) : 'a -> ('a -> 'b) -> 'b
(** Application: f @@ x is f x. *)
val ( @@ ) : ('a -> 'b) -> 'a -> 'b

(* ---- Integers ---- *)

(** Integer negation. *)
val ( ~- ) : int -> int
(** Integer identity. *)
val ( ~+ ) : int -> int
(** Adds one. *)
val succ : int -> int
(** Subtracts one. *)
val pred : int -> int
(** Integer addition. *)
val ( + ) : int -> int -> int
(** Integer subtraction. *)
val ( - ) : int -> int -> int
(** Integer multiplication. *)
val ( * ) : int -> int -> int
(** Integer division, rounding toward zero. *)
val ( / ) : int -> int -> int
(** Integer remainder. *)
val ( mod ) : int -> int -> int
(** Absolute value. *)
val abs : int -> int
(** Largest integer. *)
val max_int : int
(** Smallest integer. *)
val min_int : int
(** Bitwise and. *)
val ( land ) : int -> int -> int
(** Bitwise or. *)
val ( lor ) : int -> int -> int
(** Bitwise exclusive or. *)
val ( lxor ) : int -> int -> int
(** Bitwise complement. *)
val lnot : int -> int
(** Logical shift left. *)
val ( lsl ) : int -> int -> int
(** Logical shift right. *)
val ( lsr ) : int -> int -> int
(** Arithmetic shift right. *)
val ( asr ) : int -> int -> int

(* ---- Floats ---- *)

(** Float negation. *)
val ( ~-. ) : float -> float
(** Float identity. *)
val ( ~+. ) : float -> float
(** Float addition. *)
val ( +. ) : float -> float -> float
(** Float subtraction. *)
val ( -. ) : float -> float -> float
(** Float multiplication. *)
val ( *. ) : float -> float -> float
(** Float division. *)
val ( /. ) : float -> float -> float
(** Exponentiation. *)
val ( ** ) : float -> float -> float
(** Square root. *)
val sqrt : float -> float
(** Exponential. *)
val exp : float -> float
(** Natural logarithm. *)
val log : float -> float
(** Base-10 logarithm. *)
val log10 : float -> float
(** exp x -. 1, precise for small x. *)
val expm1 : float -> float
(** log (1 +. x), precise for small x. *)
val log1p : float -> float
(** Cosine. *)
val cos : float -> float
(** Sine. *)
val sin : float -> float
(** Tangent. *)
val tan : float -> float
(** Arc cosine. *)
val acos : float -> float
(** Arc sine. *)
val asin : float -> float
(** Arc tangent. *)
val atan : float -> float
(** Arc tangent of y /. x, using both signs. *)
val atan2 : float -> float -> float
(** Length of the hypotenuse. *)
val hypot : float -> float -> float
(** Hyperbolic cosine. *)
val cosh : float -> float
(** Hyperbolic sine. *)
val sinh : float -> float
(** Hyperbolic tangent. *)
val tanh : float -> float
(** Inverse hyperbolic cosine. *)
val acosh : float -> float
(** Inverse hyperbolic sine. *)
val asinh : float -> float
(** Inverse hyperbolic tangent. *)
val atanh : float -> float
(** Rounds up to an integral float. *)
val ceil : float -> float
(** Rounds down to an integral float. *)
val floor : float -> float
(** Absolute value of a float. *)
val abs_float : float -> float
(** First argument with the sign of the second. *)
val copysign : float -> float -> float
(** Float remainder. *)
val mod_float : float -> float -> float
(** Splits into mantissa and exponent. *)
val frexp : float -> float * int
(** Multiplies by a power of two. *)
val ldexp : float -> int -> float
(** Splits into fractional and integral parts. *)
val modf : float -> float * float
(** Converts an integer to a float. *)
val float : int -> float
(** Converts an integer to a float. *)
val float_of_int : int -> float
(** Truncates a float to an integer. *)
val truncate : float -> int
(** Truncates a float to an integer. *)
val int_of_float : float -> int
(** Positive infinity. *)
val infinity : float
(** Negative infinity. *)
val neg_infinity : float
(** Not a number. *)
val nan : float
(** Largest finite float. *)
val max_float : float
(** Smallest positive normal float. *)
val min_float : float
(** Difference between 1.0 and the next float. *)
val epsilon_float : float
(** Class of a float (normal, zero, infinite, nan...). *)
val classify_float : float -> fpclass

(* ---- Strings and characters ---- *)

(** String concatenation. *)
val ( ^ ) : string -> string -> string
(** Character code. *)
val int_of_char : char -> int
(** Character with the given code; Invalid_argument outside 0..255. *)
val char_of_int : int -> char

(* ---- Unit ---- *)

(** Discards a value. *)
val ignore : 'a -> unit

(* ---- Conversions ---- *)

(** "true" or "false". *)
val string_of_bool : bool -> string
(** Parses "true" or "false"; Invalid_argument otherwise. *)
val bool_of_string : string -> bool
(** Parses "true" or "false". *)
val bool_of_string_opt : string -> bool option
(** Decimal representation of an integer. *)
val string_of_int : int -> string
(** Parses an integer; Failure on bad input. *)
val int_of_string : string -> int
(** Parses an integer. *)
val int_of_string_opt : string -> int option
(** Representation of a float. *)
val string_of_float : float -> string
(** Parses a float; Failure on bad input. *)
val float_of_string : string -> float
(** Parses a float. *)
val float_of_string_opt : string -> float option

(* ---- Pairs and lists ---- *)

(** First component of a pair. *)
val fst : 'a * 'b -> 'a
(** Second component of a pair. *)
val snd : 'a * 'b -> 'b
(** List concatenation. *)
val ( @ ) : 'a list -> 'a list -> 'a list

(* ---- Input/output ---- *)

(** Standard input. *)
val stdin : in_channel
(** Standard output. *)
val stdout : out_channel
(** Standard error. *)
val stderr : out_channel
(** Prints a character on stdout. *)
val print_char : char -> unit
(** Prints a string on stdout. *)
val print_string : string -> unit
(** Prints bytes on stdout. *)
val print_bytes : bytes -> unit
(** Prints an integer on stdout. *)
val print_int : int -> unit
(** Prints a float on stdout. *)
val print_float : float -> unit
(** Prints a string and a newline on stdout. *)
val print_endline : string -> unit
(** Prints a newline on stdout and flushes. *)
val print_newline : unit -> unit
(** Prints a character on stderr. *)
val prerr_char : char -> unit
(** Prints a string on stderr. *)
val prerr_string : string -> unit
(** Prints bytes on stderr. *)
val prerr_bytes : bytes -> unit
(** Prints an integer on stderr. *)
val prerr_int : int -> unit
(** Prints a float on stderr. *)
val prerr_float : float -> unit
(** Prints a string and a newline on stderr. *)
val prerr_endline : string -> unit
(** Prints a newline on stderr and flushes. *)
val prerr_newline : unit -> unit
(** Reads a line from stdin. *)
val read_line : unit -> string
(** Reads an integer line from stdin. *)
val read_int : unit -> int
(** Reads an integer line from stdin, if well formed. *)
val read_int_opt : unit -> int option
(** Reads a float line from stdin. *)
val read_float : unit -> float
(** Reads a float line from stdin, if well formed. *)
val read_float_opt : unit -> float option
(** Opens a file for writing in text mode. *)
val open_out : string -> out_channel
(** Opens a file for writing in binary mode. *)
val open_out_bin : string -> out_channel
(** Opens a file for writing with flags and permissions. *)
val open_out_gen : open_flag list -> int -> string -> out_channel
(** Flushes an output channel. *)
val flush : out_channel -> unit
(** Flushes every open output channel. *)
val flush_all : unit -> unit
(** Writes a character. *)
val output_char : out_channel -> char -> unit
(** Writes a string. *)
val output_string : out_channel -> string -> unit
(** Writes bytes. *)
val output_bytes : out_channel -> bytes -> unit
(** Writes part of a byte buffer. *)
val output : out_channel -> bytes -> int -> int -> unit
(** Writes part of a string. *)
val output_substring : out_channel -> string -> int -> int -> unit
(** Writes one byte. *)
val output_byte : out_channel -> int -> unit
(** Writes a 32-bit big-endian integer. *)
val output_binary_int : out_channel -> int -> unit
(** Writes a marshalled value. *)
val output_value : out_channel -> 'a -> unit
(** Moves the output position. *)
val seek_out : out_channel -> int -> unit
(** Current output position. *)
val pos_out : out_channel -> int
(** Size of the file behind the channel. *)
val out_channel_length : out_channel -> int
(** Closes an output channel. *)
val close_out : out_channel -> unit
(** Closes an output channel, ignoring errors. *)
val close_out_noerr : out_channel -> unit
(** Switches an output channel between binary and text mode. *)
val set_binary_mode_out : out_channel -> bool -> unit
(** Opens a file for reading in text mode. *)
val open_in : string -> in_channel
(** Opens a file for reading in binary mode. *)
val open_in_bin : string -> in_channel
(** Opens a file for reading with flags and permissions. *)
val open_in_gen : open_flag list -> int -> string -> in_channel
(** Reads a character. *)
val input_char : in_channel -> char
(** Reads a line, without its newline. *)
val input_line : in_channel -> string
(** Reads up to n bytes into a buffer; returns how many were read. *)
val input : in_channel -> bytes -> int -> int -> int
(** Reads exactly n bytes into a buffer. *)
val really_input : in_channel -> bytes -> int -> int -> unit
(** Reads exactly n bytes as a string. *)
val really_input_string : in_channel -> int -> string
(** Reads one byte. *)
val input_byte : in_channel -> int
(** Reads a 32-bit big-endian integer. *)
val input_binary_int : in_channel -> int
(** Reads a marshalled value (unsafe). *)
val input_value : in_channel -> 'a
(** Moves the input position. *)
val seek_in : in_channel -> int -> unit
(** Current input position. *)
val pos_in : in_channel -> int
(** Size of the file behind the channel. *)
val in_channel_length : in_channel -> int
(** Closes an input channel. *)
val close_in : in_channel -> unit
(** Closes an input channel, ignoring errors. *)
val close_in_noerr : in_channel -> unit
(** Switches an input channel between binary and text mode. *)
val set_binary_mode_in : in_channel -> bool -> unit

(* ---- References ---- *)

(** Creates a mutable reference. *)
val ref : 'a -> 'a ref
(** Reads a reference. *)
val ( ! ) : 'a ref -> 'a
(** Updates a reference. *)
val ( := ) : 'a ref -> 'a -> unit
(** Adds one to an integer reference. *)
val incr : int ref -> unit
(** Subtracts one from an integer reference. *)
val decr : int ref -> unit

(* ---- Format strings ---- *)

(** The text of a format string. *)
val string_of_format : ('a, 'b, 'c, 'd, 'e, 'f) format6 -> string
(** Types a string literal as a format string. *)
val format_of_string : ('a, 'b, 'c, 'd, 'e, 'f) format6 -> ('a, 'b, 'c, 'd, 'e, 'f) format6
(** Concatenates two format strings. *)
val ( ^^ ) : ('a, 'b, 'c, 'd, 'e, 'f) format6 -> ('f, 'b, 'c, 'e, 'g, 'h) format6 -> ('a, 'b, 'c, 'd, 'g, 'h) format6

(* ---- Program termination ---- *)

(** Runs the at_exit functions and exits with the code. *)
val exit : int -> 'a
(** Registers a function to run at program exit. *)
val at_exit : (unit -> unit) -> unit
(** Makes a float literal lexically valid (adds a dot if needed). *)
val valid_float_lexem : string -> string
(** Reads exactly n bytes without bounds checks (internal). *)
val unsafe_really_input : in_channel -> bytes -> int -> int -> unit
(** Runs the registered at_exit functions (internal). *)
val do_at_exit : unit -> unit

(** Channel positions and lengths as 64-bit integers, for large files. *)
module LargeFile : sig
  (** Moves the output position. *)
  val seek_out : out_channel -> int64 -> unit
  (** Current output position. *)
  val pos_out : out_channel -> int64
  (** Size of the file behind the output channel. *)
  val out_channel_length : out_channel -> int64
  (** Moves the input position. *)
  val seek_in : in_channel -> int64 -> unit
  (** Current input position. *)
  val pos_in : in_channel -> int64
  (** Size of the file behind the input channel. *)
  val in_channel_length : in_channel -> int64
end

(* ---- Standard library modules (partial listings) ---- *)

(** Operations on lists. *)
module List : sig
  [@@@mirage.partial]
  type 'a t = 'a list
  (** Number of elements. *)
  val length : 'a list -> int
  (** Compares lengths. *)
  val compare_lengths : 'a list -> 'b list -> int
  (** First element; Failure on the empty list. *)
  val hd : 'a list -> 'a
  (** All but the first element; Failure on the empty list. *)
  val tl : 'a list -> 'a list
  (** Element at an index; Failure or Invalid_argument when out of range. *)
  val nth : 'a list -> int -> 'a
  (** Element at an index, if any. *)
  val nth_opt : 'a list -> int -> 'a option
  (** Reverses a list. *)
  val rev : 'a list -> 'a list
  (** List of n elements computed from their index. *)
  val init : int -> (int -> 'a) -> 'a list
  (** Concatenates two lists. *)
  val append : 'a list -> 'a list -> 'a list
  (** Reverses the first list onto the second. *)
  val rev_append : 'a list -> 'a list -> 'a list
  (** Concatenates a list of lists. *)
  val concat : 'a list list -> 'a list
  (** Concatenates a list of lists. *)
  val flatten : 'a list list -> 'a list
  (** Element-wise equality. *)
  val equal : ('a -> 'a -> bool) -> 'a list -> 'a list -> bool
  (** Lexicographic comparison. *)
  val compare : ('a -> 'a -> int) -> 'a list -> 'a list -> int
  (** Calls a function on each element. *)
  val iter : ('a -> unit) -> 'a list -> unit
  (** Calls a function on each element and its index. *)
  val iteri : (int -> 'a -> unit) -> 'a list -> unit
  (** Applies a function to each element. *)
  val map : ('a -> 'b) -> 'a list -> 'b list
  (** Applies a function to each element and its index. *)
  val mapi : (int -> 'a -> 'b) -> 'a list -> 'b list
  (** map, with the result reversed. *)
  val rev_map : ('a -> 'b) -> 'a list -> 'b list
  (** Keeps the Some results of a function. *)
  val filter_map : ('a -> 'b option) -> 'a list -> 'b list
  (** Maps each element to a list and concatenates. *)
  val concat_map : ('a -> 'b list) -> 'a list -> 'b list
  (** Maps with an accumulator. *)
  val fold_left_map : ('acc -> 'a -> 'acc * 'b) -> 'acc -> 'a list -> 'acc * 'b list
  (** Folds from the left. *)
  val fold_left : ('acc -> 'a -> 'acc) -> 'acc -> 'a list -> 'acc
  (** Folds from the right. *)
  val fold_right : ('a -> 'acc -> 'acc) -> 'a list -> 'acc -> 'acc
  (** Iterates over two lists of equal length. *)
  val iter2 : ('a -> 'b -> unit) -> 'a list -> 'b list -> unit
  (** Maps over two lists of equal length. *)
  val map2 : ('a -> 'b -> 'c) -> 'a list -> 'b list -> 'c list
  (** Folds over two lists of equal length from the left. *)
  val fold_left2 : ('acc -> 'a -> 'b -> 'acc) -> 'acc -> 'a list -> 'b list -> 'acc
  (** True if every element satisfies the predicate. *)
  val for_all : ('a -> bool) -> 'a list -> bool
  (** True if some element satisfies the predicate. *)
  val exists : ('a -> bool) -> 'a list -> bool
  (** Membership by structural equality. *)
  val mem : 'a -> 'a list -> bool
  (** Membership by physical equality. *)
  val memq : 'a -> 'a list -> bool
  (** First element satisfying the predicate; Not_found otherwise. *)
  val find : ('a -> bool) -> 'a list -> 'a
  (** First element satisfying the predicate, if any. *)
  val find_opt : ('a -> bool) -> 'a list -> 'a option
  (** First Some result of the function, if any. *)
  val find_map : ('a -> 'b option) -> 'a list -> 'b option
  (** Elements satisfying the predicate. *)
  val filter : ('a -> bool) -> 'a list -> 'a list
  (** Elements satisfying the predicate. *)
  val find_all : ('a -> bool) -> 'a list -> 'a list
  (** Elements whose index and value satisfy the predicate. *)
  val filteri : (int -> 'a -> bool) -> 'a list -> 'a list
  (** Splits by a predicate into (satisfying, others). *)
  val partition : ('a -> bool) -> 'a list -> 'a list * 'a list
  (** Value bound to a key in an association list; Not_found otherwise. *)
  val assoc : 'a -> ('a * 'b) list -> 'b
  (** Value bound to a key in an association list, if any. *)
  val assoc_opt : 'a -> ('a * 'b) list -> 'b option
  (** True if the key is bound in the association list. *)
  val mem_assoc : 'a -> ('a * 'b) list -> bool
  (** Removes the first binding of a key. *)
  val remove_assoc : 'a -> ('a * 'b) list -> ('a * 'b) list
  (** Splits a list of pairs. *)
  val split : ('a * 'b) list -> 'a list * 'b list
  (** Pairs up two lists of equal length. *)
  val combine : 'a list -> 'b list -> ('a * 'b) list
  (** Sorts with a comparison function. *)
  val sort : ('a -> 'a -> int) -> 'a list -> 'a list
  (** Stable sort. *)
  val stable_sort : ('a -> 'a -> int) -> 'a list -> 'a list
  (** Sorts and removes duplicates. *)
  val sort_uniq : ('a -> 'a -> int) -> 'a list -> 'a list
  (** Iterator over the elements. *)
  val to_seq : 'a list -> 'a Seq.t
  (** List of the elements of an iterator. *)
  val of_seq : 'a Seq.t -> 'a list
end

(** Operations on immutable strings. *)
module String : sig
  [@@@mirage.partial]
  type t = string
  (** Length in bytes. *)
  val length : string -> int
  (** Character at an index. *)
  val get : string -> int -> char
  (** String of n copies of a character. *)
  val make : int -> char -> string
  (** String of n characters computed from their index. *)
  val init : int -> (int -> char) -> string
  (** The empty string. *)
  val empty : string
  (** Substring from a start index and a length. *)
  val sub : string -> int -> int -> string
  (** Joins strings with a separator. *)
  val concat : string -> string list -> string
  (** Concatenates two strings. *)
  val cat : string -> string -> string
  (** String equality. *)
  val equal : t -> t -> bool
  (** String comparison. *)
  val compare : t -> t -> int
  (** True if the string starts with ~prefix. *)
  val starts_with : prefix:string -> string -> bool
  (** True if the string ends with ~suffix. *)
  val ends_with : suffix:string -> string -> bool
  (** True if the character occurs in the string. *)
  val contains : string -> char -> bool
  (** True if the character occurs at or after the index. *)
  val contains_from : string -> int -> char -> bool
  (** Index of the first occurrence of a character; Not_found otherwise. *)
  val index : string -> char -> int
  (** Index of the first occurrence of a character, if any. *)
  val index_opt : string -> char -> int option
  (** Index of the last occurrence of a character; Not_found otherwise. *)
  val rindex : string -> char -> int
  (** Index of the last occurrence of a character, if any. *)
  val rindex_opt : string -> char -> int option
  (** Index of the first occurrence at or after a position. *)
  val index_from : string -> int -> char -> int
  (** Index of the first occurrence at or after a position, if any. *)
  val index_from_opt : string -> int -> char -> int option
  (** Removes leading and trailing whitespace. *)
  val trim : string -> string
  (** Escapes special characters OCaml-style. *)
  val escaped : string -> string
  (** ASCII upper-casing. *)
  val uppercase_ascii : string -> string
  (** ASCII lower-casing. *)
  val lowercase_ascii : string -> string
  (** Upper-cases the first character. *)
  val capitalize_ascii : string -> string
  (** Lower-cases the first character. *)
  val uncapitalize_ascii : string -> string
  (** Splits at every occurrence of a character. *)
  val split_on_char : char -> string -> string list
  (** Maps every character. *)
  val map : (char -> char) -> string -> string
  (** Maps every character with its index. *)
  val mapi : (int -> char -> char) -> string -> string
  (** Calls a function on every character. *)
  val iter : (char -> unit) -> string -> unit
  (** Calls a function on every character and its index. *)
  val iteri : (int -> char -> unit) -> string -> unit
  (** Folds over the characters from the left. *)
  val fold_left : ('acc -> char -> 'acc) -> 'acc -> string -> 'acc
  (** True if every character satisfies the predicate. *)
  val for_all : (char -> bool) -> string -> bool
  (** True if some character satisfies the predicate. *)
  val exists : (char -> bool) -> string -> bool
  (** Copies bytes into a string. *)
  val of_bytes : bytes -> string
  (** Copies a string into bytes. *)
  val to_bytes : string -> bytes
  (** Iterator over the characters. *)
  val to_seq : t -> char Seq.t
end

(** Formatted output to channels and strings. *)
module Printf : sig
  [@@@mirage.partial]
  (** Formats on an output channel. *)
  val fprintf : out_channel -> ('a, out_channel, unit) format -> 'a
  (** Formats on stdout. *)
  val printf : ('a, out_channel, unit) format -> 'a
  (** Formats on stderr. *)
  val eprintf : ('a, out_channel, unit) format -> 'a
  (** Formats into a string. *)
  val sprintf : ('a, unit, string) format -> 'a
  (** Formats into a buffer. *)
  val bprintf : Buffer.t -> ('a, Buffer.t, unit) format -> 'a
  (** Formats nothing but consumes the arguments. *)
  val ifprintf : 'b -> ('a, 'b, 'c, unit) format4 -> 'a
  (** Formats into a string and passes it to a continuation. *)
  val ksprintf : (string -> 'd) -> ('a, unit, string, 'd) format4 -> 'a
end

(** Pretty-printing with boxes. *)
module Format : sig
  [@@@mirage.partial]
  (** Pretty-printing output devices. *)
  type formatter
  (** Formatter writing to stdout. *)
  val std_formatter : formatter
  (** Formatter writing to stderr. *)
  val err_formatter : formatter
  (** Formatter writing to an internal buffer (see flush_str_formatter). *)
  val str_formatter : formatter
  (** Returns and clears the contents of str_formatter. *)
  val flush_str_formatter : unit -> string
  (** Formats on a formatter. *)
  val fprintf : formatter -> ('a, formatter, unit) format -> 'a
  (** Formats on stdout. *)
  val printf : ('a, formatter, unit) format -> 'a
  (** Formats on stderr. *)
  val eprintf : ('a, formatter, unit) format -> 'a
  (** Formats into a string (no %a printers). *)
  val sprintf : ('a, unit, string) format -> 'a
  (** Formats into a string, %a printers allowed. *)
  val asprintf : ('a, formatter, unit, string) format4 -> 'a
  (** Formats into a string and passes it to a continuation. *)
  val kasprintf : (string -> 'a) -> ('b, formatter, unit, 'a) format4 -> 'b
  (** Formats nothing but consumes the arguments. *)
  val ifprintf : formatter -> ('a, formatter, unit) format -> 'a
  (** Prints a string. *)
  val pp_print_string : formatter -> string -> unit
  (** Prints an integer. *)
  val pp_print_int : formatter -> int -> unit
  (** Prints a float. *)
  val pp_print_float : formatter -> float -> unit
  (** Prints a character. *)
  val pp_print_char : formatter -> char -> unit
  (** Prints a boolean. *)
  val pp_print_bool : formatter -> bool -> unit
  (** Prints a breakable space. *)
  val pp_print_space : formatter -> unit -> unit
  (** Prints a break hint. *)
  val pp_print_cut : formatter -> unit -> unit
  (** Ends the current line and flushes. *)
  val pp_print_newline : formatter -> unit -> unit
  (** Flushes the formatter. *)
  val pp_print_flush : formatter -> unit -> unit
  (** Prints text, turning spaces and newlines into break hints. *)
  val pp_print_text : formatter -> string -> unit
  (** Prints a list with a separator (default: a cut). *)
  val pp_print_list : ?pp_sep:(formatter -> unit -> unit) -> (formatter -> 'a -> unit) -> formatter -> 'a list -> unit
  (** Prints an optional value (nothing by default for None). *)
  val pp_print_option : ?none:(formatter -> unit -> unit) -> (formatter -> 'a -> unit) -> formatter -> 'a option -> unit
  (** Prints a string on stdout's formatter. *)
  val print_string : string -> unit
end

(** Interface with the host system. *)
module Sys : sig
  [@@@mirage.partial]
  (** Command-line arguments, program name first. *)
  val argv : string array
  (** Path of the running executable. *)
  val executable_name : string
  (** True if the path exists. *)
  val file_exists : string -> bool
  (** True if the path is a directory. *)
  val is_directory : string -> bool
  (** Deletes a file. *)
  val remove : string -> unit
  (** Renames a file. *)
  val rename : string -> string -> unit
  (** Value of an environment variable; Not_found if unset. *)
  val getenv : string -> string
  (** Value of an environment variable, if set. *)
  val getenv_opt : string -> string option
  (** Runs a shell command and returns its exit code. *)
  val command : string -> int
  (** Processor time used, in seconds. *)
  val time : unit -> float
  (** Changes the working directory. *)
  val chdir : string -> unit
  (** Current working directory. *)
  val getcwd : unit -> string
  (** Names in a directory. *)
  val readdir : string -> string array
  (** "Unix", "Win32" or "Cygwin". *)
  val os_type : string
  (** True on Unix-like systems. *)
  val unix : bool
  (** True on native Windows. *)
  val win32 : bool
  (** True on Cygwin. *)
  val cygwin : bool
  (** Word size in bits. *)
  val word_size : int
  (** Integer size in bits. *)
  val int_size : int
  (** True on big-endian hosts. *)
  val big_endian : bool
  (** Version of the OCaml compiler. *)
  val ocaml_version : string
end

(** Operations on file names. *)
module Filename : sig
  [@@@mirage.partial]
  (** "." on Unix. *)
  val current_dir_name : string
  (** ".." on Unix. *)
  val parent_dir_name : string
  (** Directory separator. *)
  val dir_sep : string
  (** Joins a directory and a file name. *)
  val concat : string -> string -> string
  (** True if the name is relative. *)
  val is_relative : string -> bool
  (** True if the name does not start with ./ or ../ or /. *)
  val is_implicit : string -> bool
  (** True if the name ends with the suffix. *)
  val check_suffix : string -> string -> bool
  (** Removes a suffix; Invalid_argument if absent. *)
  val chop_suffix : string -> string -> string
  (** Removes ~suffix, if present. *)
  val chop_suffix_opt : suffix:string -> string -> string option
  (** Extension including the dot, or "". *)
  val extension : string -> string
  (** Name without its extension. *)
  val remove_extension : string -> string
  (** Name without its extension; Invalid_argument if none. *)
  val chop_extension : string -> string
  (** Last component of a path. *)
  val basename : string -> string
  (** Directory part of a path. *)
  val dirname : string -> string
  (** Quotes a name for the shell. *)
  val quote : string -> string
  (** Creates a fresh temporary file and returns its name. *)
  val temp_file : ?temp_dir:string -> string -> string -> string
  (** Directory used for temporary files. *)
  val get_temp_dir_name : unit -> string
end

(** Operations on options. *)
module Option : sig
  [@@@mirage.partial]
  type 'a t = 'a option
  (** None. *)
  val none : 'a option
  (** Wraps a value in Some. *)
  val some : 'a -> 'a option
  (** The contained value or ~default. *)
  val value : 'a option -> default:'a -> 'a
  (** The contained value; Invalid_argument on None. *)
  val get : 'a option -> 'a
  (** Monadic bind. *)
  val bind : 'a option -> ('a -> 'b option) -> 'b option
  (** Flattens nested options. *)
  val join : 'a option option -> 'a option
  (** Maps the contained value. *)
  val map : ('a -> 'b) -> 'a option -> 'b option
  (** Case analysis. *)
  val fold : none:'a -> some:('b -> 'a) -> 'b option -> 'a
  (** Calls a function on the contained value. *)
  val iter : ('a -> unit) -> 'a option -> unit
  (** True on None. *)
  val is_none : 'a option -> bool
  (** True on Some. *)
  val is_some : 'a option -> bool
  (** Equality given an element equality. *)
  val equal : ('a -> 'a -> bool) -> 'a option -> 'a option -> bool
  (** Comparison given an element comparison. *)
  val compare : ('a -> 'a -> int) -> 'a option -> 'a option -> int
  (** Converts to a result with ~none as the error. *)
  val to_result : none:'e -> 'a option -> ('a, 'e) result
  (** Zero- or one-element list. *)
  val to_list : 'a option -> 'a list
end

(** Integer helpers. *)
module Int : sig
  [@@@mirage.partial]
  type t = int
  (** 0. *)
  val zero : int
  (** 1. *)
  val one : int
  (** -1. *)
  val minus_one : int
  (** Negation. *)
  val neg : int -> int
  (** Addition. *)
  val add : int -> int -> int
  (** Subtraction. *)
  val sub : int -> int -> int
  (** Multiplication. *)
  val mul : int -> int -> int
  (** Division. *)
  val div : int -> int -> int
  (** Remainder. *)
  val rem : int -> int -> int
  (** Successor. *)
  val succ : int -> int
  (** Predecessor. *)
  val pred : int -> int
  (** Absolute value. *)
  val abs : int -> int
  (** Largest integer. *)
  val max_int : int
  (** Smallest integer. *)
  val min_int : int
  (** Integer equality. *)
  val equal : int -> int -> bool
  (** Integer comparison. *)
  val compare : int -> int -> int
  (** Converts to a float. *)
  val to_float : int -> float
  (** Truncates a float. *)
  val of_float : float -> int
  (** Decimal representation. *)
  val to_string : int -> string
end

(** Boolean helpers. *)
module Bool : sig
  [@@@mirage.partial]
  type t = bool
  (** Negation. *)
  val not : bool -> bool
  (** Boolean equality. *)
  val equal : bool -> bool -> bool
  (** Boolean comparison. *)
  val compare : bool -> bool -> int
  (** 1 for true, 0 for false. *)
  val to_int : bool -> int
  (** "true" or "false". *)
  val to_string : bool -> string
end

(** Character helpers. *)
module Char : sig
  [@@@mirage.partial]
  type t = char
  (** Character code. *)
  val code : char -> int
  (** Character of a code; Invalid_argument outside 0..255. *)
  val chr : int -> char
  (** OCaml escape of a character. *)
  val escaped : char -> string
  (** ASCII lower-casing. *)
  val lowercase_ascii : char -> char
  (** ASCII upper-casing. *)
  val uppercase_ascii : char -> char
  (** Character comparison. *)
  val compare : t -> t -> int
  (** Character equality. *)
  val equal : t -> t -> bool
end

(** Mutable byte sequences. *)
module Bytes : sig
  [@@@mirage.partial]
  type t = bytes
  (** Length. *)
  val length : bytes -> int
  (** Byte at an index. *)
  val get : bytes -> int -> char
  (** Sets the byte at an index. *)
  val set : bytes -> int -> char -> unit
  (** Uninitialised bytes of a length. *)
  val create : int -> bytes
  (** Bytes filled with a character. *)
  val make : int -> char -> bytes
  (** Empty bytes. *)
  val empty : bytes
  (** Copy. *)
  val copy : bytes -> bytes
  (** Copies a string. *)
  val of_string : string -> bytes
  (** Copies into a string. *)
  val to_string : bytes -> string
  (** Sub-sequence. *)
  val sub : bytes -> int -> int -> bytes
  (** Sub-sequence as a string. *)
  val sub_string : bytes -> int -> int -> string
  (** Copies a range between byte sequences. *)
  val blit : bytes -> int -> bytes -> int -> int -> unit
  (** Concatenation. *)
  val cat : bytes -> bytes -> bytes
  (** Joins with a separator. *)
  val concat : bytes -> bytes list -> bytes
end

(** Growable string buffers. *)
module Buffer : sig
  [@@@mirage.partial]
  (** A buffer. *)
  type t
  (** New buffer with an initial capacity. *)
  val create : int -> t
  (** Current contents. *)
  val contents : t -> string
  (** Number of characters. *)
  val length : t -> int
  (** Empties the buffer. *)
  val clear : t -> unit
  (** Empties the buffer and frees its storage. *)
  val reset : t -> unit
  (** Appends a character. *)
  val add_char : t -> char -> unit
  (** Appends a string. *)
  val add_string : t -> string -> unit
  (** Appends bytes. *)
  val add_bytes : t -> bytes -> unit
  (** Appends the contents of another buffer. *)
  val add_buffer : t -> t -> unit
end

(** Mutable hash tables. *)
module Hashtbl : sig
  [@@@mirage.partial]
  (** A table from keys to values. *)
  type ('a, 'b) t
  (** New table with an initial size. *)
  val create : ?random:bool -> int -> ('a, 'b) t
  (** Adds a binding (hiding any previous one). *)
  val add : ('a, 'b) t -> 'a -> 'b -> unit
  (** Replaces the binding of a key. *)
  val replace : ('a, 'b) t -> 'a -> 'b -> unit
  (** Current binding of a key; Not_found otherwise. *)
  val find : ('a, 'b) t -> 'a -> 'b
  (** Current binding of a key, if any. *)
  val find_opt : ('a, 'b) t -> 'a -> 'b option
  (** All bindings of a key, newest first. *)
  val find_all : ('a, 'b) t -> 'a -> 'b list
  (** True if the key is bound. *)
  val mem : ('a, 'b) t -> 'a -> bool
  (** Removes the current binding of a key. *)
  val remove : ('a, 'b) t -> 'a -> unit
  (** Calls a function on every binding. *)
  val iter : ('a -> 'b -> unit) -> ('a, 'b) t -> unit
  (** Folds over every binding. *)
  val fold : ('a -> 'b -> 'acc -> 'acc) -> ('a, 'b) t -> 'acc -> 'acc
  (** Number of bindings. *)
  val length : ('a, 'b) t -> int
  (** Removes every binding. *)
  val clear : ('a, 'b) t -> unit
  (** Removes every binding and shrinks the table. *)
  val reset : ('a, 'b) t -> unit
  (** Generic hash function. *)
  val hash : 'a -> int
end

(** Mutable arrays. *)
module Array : sig
  [@@@mirage.partial]
  type 'a t = 'a array
  (** Number of elements. *)
  val length : 'a array -> int
  (** Element at an index. *)
  val get : 'a array -> int -> 'a
  (** Sets the element at an index. *)
  val set : 'a array -> int -> 'a -> unit
  (** Array of n copies of a value. *)
  val make : int -> 'a -> 'a array
  (** Array of n elements computed from their index. *)
  val init : int -> (int -> 'a) -> 'a array
  (** Concatenates two arrays. *)
  val append : 'a array -> 'a array -> 'a array
  (** Concatenates a list of arrays. *)
  val concat : 'a array list -> 'a array
  (** Sub-array from a start index and a length. *)
  val sub : 'a array -> int -> int -> 'a array
  (** Shallow copy. *)
  val copy : 'a array -> 'a array
  (** Elements as a list. *)
  val to_list : 'a array -> 'a list
  (** Array of a list's elements. *)
  val of_list : 'a list -> 'a array
  (** Calls a function on each element. *)
  val iter : ('a -> unit) -> 'a array -> unit
  (** Calls a function on each element and its index. *)
  val iteri : (int -> 'a -> unit) -> 'a array -> unit
  (** Applies a function to each element. *)
  val map : ('a -> 'b) -> 'a array -> 'b array
  (** Applies a function to each element and its index. *)
  val mapi : (int -> 'a -> 'b) -> 'a array -> 'b array
  (** Folds from the left. *)
  val fold_left : ('acc -> 'a -> 'acc) -> 'acc -> 'a array -> 'acc
  (** Folds from the right. *)
  val fold_right : ('a -> 'acc -> 'acc) -> 'a array -> 'acc -> 'acc
  (** True if some element satisfies the predicate. *)
  val exists : ('a -> bool) -> 'a array -> bool
  (** True if every element satisfies the predicate. *)
  val for_all : ('a -> bool) -> 'a array -> bool
  (** Membership by structural equality. *)
  val mem : 'a -> 'a array -> bool
  (** Sorts in place. *)
  val sort : ('a -> 'a -> int) -> 'a array -> unit
  (** Iterator over the elements. *)
  val to_seq : 'a array -> 'a Seq.t
end

(** On-demand sequences. *)
module Seq : sig
  [@@@mirage.partial]
  type 'a t = unit -> 'a node
  and 'a node = Nil | Cons of 'a * 'a t
  (** The empty sequence. *)
  val empty : 'a t
  (** One-element sequence. *)
  val return : 'a -> 'a t
  (** Prepends an element. *)
  val cons : 'a -> 'a t -> 'a t
  (** Concatenates two sequences. *)
  val append : 'a t -> 'a t -> 'a t
  (** Maps lazily. *)
  val map : ('a -> 'b) -> 'a t -> 'b t
  (** Filters lazily. *)
  val filter : ('a -> bool) -> 'a t -> 'a t
  (** Maps and keeps Some results lazily. *)
  val filter_map : ('a -> 'b option) -> 'a t -> 'b t
  (** Maps to sequences and concatenates lazily. *)
  val flat_map : ('a -> 'b t) -> 'a t -> 'b t
  (** Calls a function on every element. *)
  val iter : ('a -> unit) -> 'a t -> unit
  (** Folds from the left. *)
  val fold_left : ('acc -> 'a -> 'acc) -> 'acc -> 'a t -> 'acc
end

(** Function combinators. *)
module Fun : sig
  [@@@mirage.partial]
  (** Raised by protect when ~finally raises. *)
  exception Finally_raised of exn
  (** Identity function. *)
  val id : 'a -> 'a
  (** Function ignoring its argument and returning the constant. *)
  val const : 'a -> 'b -> 'a
  (** Swaps the two arguments of a function. *)
  val flip : ('a -> 'b -> 'c) -> 'b -> 'a -> 'c
  (** Negates a predicate. *)
  val negate : ('a -> bool) -> 'a -> bool
  (** Runs a function, then ~finally whatever happens. *)
  val protect : finally:(unit -> unit) -> (unit -> 'a) -> 'a
end

(** Operations on results. *)
module Result : sig
  [@@@mirage.partial]
  type ('a, 'e) t = ('a, 'e) result
  (** Wraps a value in Ok. *)
  val ok : 'a -> ('a, 'e) result
  (** Wraps a value in Error. *)
  val error : 'e -> ('a, 'e) result
  (** The Ok value or ~default. *)
  val value : ('a, 'e) result -> default:'a -> 'a
  (** The Ok value; Invalid_argument on Error. *)
  val get_ok : ('a, 'e) result -> 'a
  (** The Error value; Invalid_argument on Ok. *)
  val get_error : ('a, 'e) result -> 'e
  (** Monadic bind. *)
  val bind : ('a, 'e) result -> ('a -> ('b, 'e) result) -> ('b, 'e) result
  (** Flattens nested results. *)
  val join : (('a, 'e) result, 'e) result -> ('a, 'e) result
  (** Maps the Ok value. *)
  val map : ('a -> 'b) -> ('a, 'e) result -> ('b, 'e) result
  (** Maps the Error value. *)
  val map_error : ('e -> 'f) -> ('a, 'e) result -> ('a, 'f) result
  (** Case analysis. *)
  val fold : ok:('a -> 'c) -> error:('e -> 'c) -> ('a, 'e) result -> 'c
  (** Calls a function on the Ok value. *)
  val iter : ('a -> unit) -> ('a, 'e) result -> unit
  (** Calls a function on the Error value. *)
  val iter_error : ('e -> unit) -> ('a, 'e) result -> unit
  (** True on Ok. *)
  val is_ok : ('a, 'e) result -> bool
  (** True on Error. *)
  val is_error : ('a, 'e) result -> bool
  (** Ok as Some, Error as None. *)
  val to_option : ('a, 'e) result -> 'a option
  (** Ok as a one-element list. *)
  val to_list : ('a, 'e) result -> 'a list
end

(** Deferred computations. *)
module Lazy : sig
  [@@@mirage.partial]
  type 'a t = 'a lazy_t
  (** Raised when forcing a value that is being forced. *)
  exception Undefined
  (** Computes (once) and returns the value. *)
  val force : 'a t -> 'a
  (** An already computed lazy value. *)
  val from_val : 'a -> 'a t
  (** A lazy value computed by the function. *)
  val from_fun : (unit -> 'a) -> 'a t
  (** True if already computed. *)
  val is_val : 'a t -> bool
end

(** Exception printing and backtraces. *)
module Printexc : sig
  [@@@mirage.partial]
  (** Readable form of an exception. *)
  val to_string : exn -> string
  (** Turns backtrace recording on or off. *)
  val record_backtrace : bool -> unit
  (** The backtrace of the last exception, as a string. *)
  val get_backtrace : unit -> string
  (** Prints the backtrace of the last exception. *)
  val print_backtrace : out_channel -> unit
end

(** Float helpers. *)
module Float : sig
  [@@@mirage.partial]
  type t = float
  (** Converts an integer. *)
  val of_int : int -> float
  (** Truncates to an integer. *)
  val to_int : float -> int
  (** Representation of a float. *)
  val to_string : float -> string
  (** Parses a float; Failure on bad input. *)
  val of_string : string -> float
  (** Parses a float. *)
  val of_string_opt : string -> float option
  (** Absolute value. *)
  val abs : float -> float
  (** Float equality (nan equals nan). *)
  val equal : float -> float -> bool
  (** Float comparison. *)
  val compare : float -> float -> int
  (** Pi. *)
  val pi : float
end

(** 32-bit integers. *)
module Int32 : sig
  [@@@mirage.partial]
  type t = int32
  (** Converts from int, wrapping. *)
  val of_int : int -> int32
  (** Converts to int. *)
  val to_int : int32 -> int
  (** Parses; Failure on bad input. *)
  val of_string : string -> int32
  (** Decimal representation. *)
  val to_string : int32 -> string
end

(** 64-bit integers. *)
module Int64 : sig
  [@@@mirage.partial]
  type t = int64
  (** 0L. *)
  val zero : int64
  (** 1L. *)
  val one : int64
  (** Addition. *)
  val add : int64 -> int64 -> int64
  (** Subtraction. *)
  val sub : int64 -> int64 -> int64
  (** Multiplication. *)
  val mul : int64 -> int64 -> int64
  (** Division. *)
  val div : int64 -> int64 -> int64
  (** Converts from int. *)
  val of_int : int -> int64
  (** Converts to int, wrapping. *)
  val to_int : int64 -> int
  (** Converts from a float. *)
  val of_float : float -> int64
  (** Converts to a float. *)
  val to_float : int64 -> float
  (** Parses; Failure on bad input. *)
  val of_string : string -> int64
  (** Parses. *)
  val of_string_opt : string -> int64 option
  (** Decimal representation. *)
  val to_string : int64 -> string
end

(** Platform-sized integers. *)
module Nativeint : sig
  [@@@mirage.partial]
  type t = nativeint
end

(** Unicode scalar values. *)
module Uchar : sig
  [@@@mirage.partial]
  (** A Unicode scalar value. *)
  type t
end

(** Values of one of two types. *)
module Either : sig
  [@@@mirage.partial]
  type ('a, 'b) t = Left of 'a | Right of 'b
end

(** Ordered sets (functor Make). *)
module Set : sig
  [@@@mirage.partial]
end

(** Ordered maps (functor Make). *)
module Map : sig
  [@@@mirage.partial]
end

(** Mutable LIFO stacks. *)
module Stack : sig
  [@@@mirage.partial]
  (** A stack. *)
  type 'a t
end

(** Mutable FIFO queues. *)
module Queue : sig
  [@@@mirage.partial]
  (** A queue. *)
  type 'a t
end

(** Pseudo-random numbers. *)
module Random : sig
  [@@@mirage.partial]
  (** Seeds the generator from the system. *)
  val self_init : unit -> unit
  (** Random integer in [0, bound). *)
  val int : int -> int
  (** Random boolean. *)
  val bool : unit -> bool
end

(** Command-line parsing of the standard library (not Cmdliner, not Mirage's Key.Arg); listed completely. *)
module Arg : sig
  (** What to do with an option and its argument. *)
  type spec =
    | Unit of (unit -> unit)
    | Bool of (bool -> unit)
    | Set of bool ref
    | Clear of bool ref
    | String of (string -> unit)
    | Set_string of string ref
    | Int of (int -> unit)
    | Set_int of int ref
    | Float of (float -> unit)
    | Set_float of float ref
    | Tuple of spec list
    | Symbol of string list * (string -> unit)
    | Rest of (string -> unit)
    | Rest_all of (string list -> unit)
    | Expand of (string -> string array)
  type key = string
  type doc = string
  type usage_msg = string
  type anon_fun = string -> unit
  (** Raised to print the usage message. *)
  exception Help of string
  (** Raised on a command-line error. *)
  exception Bad of string
  (** Parses Sys.argv with the given option specifications. *)
  val parse : (key * spec * doc) list -> anon_fun -> usage_msg -> unit
  (** Like parse, with a specification list that may change while parsing. *)
  val parse_dynamic : (key * spec * doc) list ref -> anon_fun -> usage_msg -> unit
  (** Parses the given array instead of Sys.argv. *)
  val parse_argv : ?current:int ref -> string array -> (key * spec * doc) list -> anon_fun -> usage_msg -> unit
  (** parse_argv with a changing specification list. *)
  val parse_argv_dynamic : ?current:int ref -> string array -> (key * spec * doc) list ref -> anon_fun -> string -> unit
  (** Parsing that lets Expand options add arguments. *)
  val parse_and_expand_argv_dynamic : int ref -> string array ref -> (key * spec * doc) list ref -> anon_fun -> string -> unit
  (** Like parse, allowing Expand options. *)
  val parse_expand : (key * spec * doc) list -> anon_fun -> usage_msg -> unit
  (** Prints the usage message on stderr. *)
  val usage : (key * spec * doc) list -> usage_msg -> unit
  (** The usage message as a string. *)
  val usage_string : (key * spec * doc) list -> usage_msg -> string
  (** Aligns the documentation strings. *)
  val align : ?limit:int -> (key * spec * doc) list -> (key * spec * doc) list
  (** Index of the argument being processed. *)
  val current : int ref
  (** Reads newline-separated arguments from a file. *)
  val read_arg : string -> string array
  (** Reads NUL-separated arguments from a file. *)
  val read_arg0 : string -> string array
  (** Writes newline-separated arguments to a file. *)
  val write_arg : string -> string array -> unit
  (** Writes NUL-separated arguments to a file. *)
  val write_arg0 : string -> string array -> unit
end

(** Other standard modules, listed so that their names resolve. *)
module Unit : sig
  [@@@mirage.partial]
  type t = unit
end

(** Formatted input. *)
module Scanf : sig
  [@@@mirage.partial]
end

(** Garbage collector control. *)
module Gc : sig
  [@@@mirage.partial]
end

(** MD5 digests. *)
module Digest : sig
  [@@@mirage.partial]
  type t = string
  (** Digest of a string. *)
  val string : string -> t
  (** Hexadecimal form of a digest. *)
  val to_hex : t -> string
end

(** Marshalling of values. *)
module Marshal : sig
  [@@@mirage.partial]
end

(** Input channels (OCaml 4.14+). *)
module In_channel : sig
  [@@@mirage.partial]
  type t = in_channel
end

(** Output channels (OCaml 4.14+). *)
module Out_channel : sig
  [@@@mirage.partial]
  type t = out_channel
end

(** Labelled versions of List. *)
module ListLabels : sig
  [@@@mirage.partial]
end

(** Labelled versions of String. *)
module StringLabels : sig
  [@@@mirage.partial]
end

(** Labelled versions of Array. *)
module ArrayLabels : sig
  [@@@mirage.partial]
end

(** Labelled standard modules. *)
module StdLabels : sig
  [@@@mirage.partial]
end

(** Labelled versions of Hashtbl, Map and Set. *)
module MoreLabels : sig
  [@@@mirage.partial]
end

(** Lexer support. *)
module Lexing : sig
  [@@@mirage.partial]
end

(** Parser support. *)
module Parsing : sig
  [@@@mirage.partial]
end

(** Low-level operations on values. *)
module Obj : sig
  [@@@mirage.partial]
end

(** Object helpers. *)
module Oo : sig
  [@@@mirage.partial]
end

(** Weak arrays and hash sets. *)
module Weak : sig
  [@@@mirage.partial]
end

(** Ephemerons. *)
module Ephemeron : sig
  [@@@mirage.partial]
end

(** Complex numbers. *)
module Complex : sig
  [@@@mirage.partial]
end

(** Registration of values for C code. *)
module Callback : sig
  [@@@mirage.partial]
end

(** Large multi-dimensional arrays. *)
module Bigarray : sig
  [@@@mirage.partial]
end

(** Atomic references. *)
module Atomic : sig
  [@@@mirage.partial]
end

(** Labelled versions of Bytes. *)
module BytesLabels : sig
  [@@@mirage.partial]
end

(** Domains (OCaml 5). *)
module Domain : sig
  [@@@mirage.partial]
end

(** Mutual exclusion locks. *)
module Mutex : sig
  [@@@mirage.partial]
end

(** Condition variables. *)
module Condition : sig
  [@@@mirage.partial]
end

(** Semaphores. *)
module Semaphore : sig
  [@@@mirage.partial]
end

(** Effect handlers (OCaml 5). *)
module Effect : sig
  [@@@mirage.partial]
end

(** Unix system calls (library unix, reachable through mirage's dependencies). *)
module Unix : sig
  [@@@mirage.partial]
  (** Error codes of system calls (listed partially). *)
  type error
  (** Raised by failing system calls: error, function name, argument. *)
  exception Unix_error of error * string * string
  (** File descriptors. *)
  type file_descr
  (** Value of an environment variable; Not_found if unset. *)
  val getenv : string -> string
  (** Host name of the machine. *)
  val gethostname : unit -> string
  (** Process id. *)
  val getpid : unit -> int
  (** Seconds since the epoch. *)
  val time : unit -> float
  (** Seconds since the epoch, with sub-second precision. *)
  val gettimeofday : unit -> float
  (** Sleeps for whole seconds. *)
  val sleep : int -> unit
  (** Readable message for an error code. *)
  val error_message : error -> string
end
