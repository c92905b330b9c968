/*
 * Lexer for one logical record of strace text output (see ../shared/docs/strace-format.md).
 *
 * strace overloads '<', '(' and '[' heavily, so the lexer is context-driven: the default mode
 * covers the line prefix, the record heads and the result; ARGS covers everything between a
 * syscall's parentheses (and nested brackets); SIGNAL covers '--- SIGxxx {...} ---'.
 * Brackets push and pop ARGS so that ')' inside a struct or a string never ends the call.
 */
lexer grammar StraceLexer;

// ---------------------------------------------------------------- default mode: prefix, heads, result

PID_BRACKET   : '[pid' ' '+ DIGIT+ COMM_DECO? ']' ;
SCNO          : '[' ' '* DIGIT DIGIT? DIGIT? DIGIT? ']' ;
// -i: the instruction pointer; strace prints question marks where it could not read it
IP            : '[' (HEX8 HEX8? | '?'+) ']' ;
TIME_OF_DAY   : DIGIT DIGIT ':' DIGIT DIGIT ':' DIGIT DIGIT ('.' DIGIT+)? ;
REL_PLUS      : '(+' ' '* DIGIT+ '.' DIGIT+ ')' ;
DURATION      : '<' DIGIT+ ('.' DIGIT+)? '>' ;
UNAVAILABLE   : '<unavailable>' ;
// '???': a thread resumed a call strace did not see it enter (a race at thread start or exit)
RESUMED       : '<... ' (NAME | '???') ' resumed>' ' '? -> pushMode(ARGS) ;
DECO          : '<' DECO_BODY '>' ;
// '???' is strace's name for a syscall it could not identify
SYSCALL_OPEN  : (NAME | '???') '(' -> pushMode(ARGS) ;
SIGNAL_OPEN   : '--- ' -> pushMode(SIGNAL) ;
PLUS3         : '+++' ;
EXITED        : 'exited' ;
KILLED        : 'killed' ;
SUPERSEDED    : 'superseded' ;
WITH          : 'with' ;
BY            : 'by' ;
EXECVE_WORD   : 'execve' ;
IN            : 'in' ;
PID_WORD      : 'pid' ;
STRACE_MSG    : 'strace: ' ~[\r\n]* ;
PROCESS_MSG   : 'Process ' DIGIT+ ' ' ('attached' | 'detached' | 'suspended') ~[\r\n]* ;
PERSONALITY   : '[ Process PID=' DIGIT+ ' runs in ' ~[\]\r\n]* ' mode. ]' ;
STACK_FRAME   : ' > ' ~[\r\n]* ;
DUMP_LINE     : ' | ' ~[\r\n]* ;
SUMMARY_HEAD  : ('% time' | 'syscall ') ~[\r\n]* ;
DASHES        : '-'+ (' '+ '-'+)+ ;
MINUS_ONE     : '-1' ;
HEX           : '0x' HEXDIGIT+ ;
DECIMAL       : DIGIT+ '.' DIGIT+ ;
INT           : '-'? DIGIT+ ;
WORD          : NAME ;
NOTE          : '(' NOTE_BODY ')' ;
EQ            : '=' ;
QMARK         : '?' ;
RPAREN        : ')' ;
WS            : [ \t]+ -> skip ;

// ---------------------------------------------------------------- fragments

fragment DIGIT     : [0-9] ;
fragment HEXDIGIT  : [0-9a-fA-F] ;
fragment HEX8      : HEXDIGIT HEXDIGIT HEXDIGIT HEXDIGIT HEXDIGIT HEXDIGIT HEXDIGIT HEXDIGIT ;
fragment NAME      : [a-zA-Z_] [a-zA-Z0-9_]* ;
fragment COMM_DECO : '<' ~[<>\r\n]* '>' ;
// fd and pid decorations nest, 0</dev/null<char 1:3>>, and sockets show their peer with an
// arrow, 8<TCP:[127.0.0.1:37895->127.0.0.1:40792]>
fragment DECO_BODY : (~[<>\r\n] | '->' | '<' DECO_BODY '>')* ;
fragment NOTE_BODY : (~[()\r\n] | '(' NOTE_BODY ')')* ;
fragment STRING_BODY : (~["\\\r\n] | '\\' ~[\r\n])* ;

// ---------------------------------------------------------------- inside a call's parentheses

mode ARGS;

A_UNFINISHED : ' '* '<unfinished ...>' ;
A_DETACHED   : ' '* '<detached ...>' ;
A_STRING     : '"' STRING_BODY '"' ;
// strace closes every string it prints; an unclosed one is damage, which no parser rule accepts
A_UNCLOSED_STRING : '"' STRING_BODY ;
A_COMMENT    : '/*' .*? '*/' ;
A_DECO       : '<' DECO_BODY '>' ;
A_LPAREN     : '(' -> pushMode(ARGS) ;
A_RPAREN     : ')' -> popMode ;
A_LBRACE     : '{' -> pushMode(ARGS) ;
A_RBRACE     : '}' -> popMode ;
A_LBRACK     : '[' -> pushMode(ARGS) ;
A_RBRACK     : ']' -> popMode ;
A_ARROW      : '=>' ;
A_ELLIPSIS   : '...' ;
A_COMMA      : ',' ;
A_NUMBER     : '-'? DIGIT+ ('.' DIGIT+)? ;
A_HEX        : '0x' HEXDIGIT+ ;
A_WORD       : NAME ;
A_WS         : [ \t]+ -> skip ;
// anything else is kept as a token of its own; the typed values are read later from the text
A_OTHER      : ~[\r\n] ;

// ---------------------------------------------------------------- '--- SIGxxx {siginfo} ---'

mode SIGNAL;

S_CLOSE      : '---' -> popMode ;
S_LBRACE     : '{' -> pushMode(ARGS) ;
S_NOTE       : '(' NOTE_BODY ')' ;
S_WORD       : NAME ;
S_NUMBER     : '-'? DIGIT+ ;
S_WS         : [ \t]+ -> skip ;
S_OTHER      : ~[\r\n] ;
