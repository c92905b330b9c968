/*
 * One logical strace record: a physical line, or a line rebuilt by the record assembler where
 * strace's own diagnostics or program output were spliced into the middle of a trace line.
 * No actions: the analyzer walks the tree.
 */
parser grammar StraceParser;

options { tokenVocab = StraceLexer; }

record
    : summaryRow EOF
    | prefix body EOF
    ;

prefix
    : pid? timestamp? relative? SCNO? IP?
    ;

pid
    : PID_BRACKET
    | INT DECO?
    ;

timestamp
    : TIME_OF_DAY
    | DECIMAL
    | INT
    ;

relative
    : REL_PLUS
    ;

body
    : syscall
    | resumed
    | orphanTail
    | signal
    | exited
    | killed
    | superseded
    | message
    | STACK_FRAME
    | DUMP_LINE
    | PERSONALITY
    | SUMMARY_HEAD
    | DASHES
    ;

// name(args) = result | name(args <unfinished ...> | name(args <unfinished ...>) = ? | name(args <detached ...>
syscall
    : SYSCALL_OPEN args (A_RPAREN result | A_UNFINISHED (A_RPAREN result)? | A_DETACHED)
    ;

// <... name resumed>rest) = result, and the thread-vanished form with <unfinished ...>) = ?
resumed
    : RESUMED args (A_UNFINISHED)? (A_RPAREN result | A_DETACHED)
    ;

// -z/-Z: the exit half of an unfinished call printed alone, without any prefix
orphanTail
    : RPAREN result
    ;

args
    : (arg | A_COMMA)*
    ;

arg
    : item+
    ;

item
    : A_STRING A_ELLIPSIS?                        # stringItem
    | A_LBRACE args A_RBRACE                      # structItem
    | A_LBRACK args A_RBRACK                      # arrayItem
    | A_LPAREN args A_RPAREN                      # groupItem
    | A_DECO                                      # decorationItem
    | A_COMMENT                                   # commentItem
    | (A_NUMBER | A_HEX)                          # numberItem
    | A_WORD                                      # wordItem
    | (A_ARROW | A_ELLIPSIS | A_OTHER)            # punctuationItem
    ;

result
    : EQ retval NOTE* DURATION?
    ;

retval
    : MINUS_ONE word NOTE                         # errorReturn
    | MINUS_ONE NOTE                              # unknownErrnoReturn
    | QMARK word NOTE                             # restartReturn
    | QMARK UNAVAILABLE                           # unavailableReturn
    | QMARK                                       # noReturn
    | (MINUS_ONE | INT | HEX) DECO?               # valueReturn
    ;

signal
    : SIGNAL_OPEN S_WORD S_WORD S_WORD S_CLOSE            # stoppedSignal
    | SIGNAL_OPEN S_WORD S_LBRACE args A_RBRACE S_CLOSE   # deliveredSignal
    | SIGNAL_OPEN S_WORD (S_NOTE | S_WORD | S_NUMBER | S_OTHER)* S_CLOSE   # oldStyleSignal
    ;

exited
    : PLUS3 EXITED WITH (INT | MINUS_ONE) PLUS3
    ;

killed
    : PLUS3 KILLED BY word NOTE? PLUS3
    ;

superseded
    : PLUS3 SUPERSEDED BY EXECVE_WORD IN PID_WORD INT PLUS3
    ;

message
    : STRACE_MSG
    | PROCESS_MSG
    ;

// -c rows: "% time, seconds, usecs/call, calls [, errors], syscall" (strace's default columns)
// or, with -U, the name first and at least two figures after it
summaryRow
    : DECIMAL DECIMAL (DECIMAL | INT)+ word
    | word (DECIMAL | INT) (DECIMAL | INT)+
    ;

// the head keywords of '+++' lines are names too where a name is expected (the execve row of -c)
word
    : WORD | EXITED | KILLED | SUPERSEDED | WITH | BY | EXECVE_WORD | IN | PID_WORD
    ;
