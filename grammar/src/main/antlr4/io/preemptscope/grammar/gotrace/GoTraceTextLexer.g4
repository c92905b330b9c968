/*
 * Lexer for the text form of Go 1.22+ execution traces (see ../shared/docs/go-trace-format.md §3.5):
 * the txtar test files of Go's internal/trace ("-- expect --" / "-- trace --") and the event lines
 * that `go tool trace -d=wire` prints.
 *
 * Newlines are tokens because the format is line-based: an event, a stack frame or a string's data
 * each take exactly one line. Numbers stay text here; the reader parses them as uint64.
 */
lexer grammar GoTraceTextLexer;

// a txtar file marker; the reader checks that the name is "expect" or "trace"
SECTION   : '-- ' ~[\r\n]*? ' --' ;
// the version in the header line "Trace Go1.22"; longer than NAME "Go1", so it wins
VERSION   : 'Go' DIGIT+ '.' DIGIT+ ;
NAME      : [A-Za-z_] [A-Za-z0-9_]* ;
EQ        : '=' ;
UINT      : DIGIT+ ;
// a Go strconv.Quote literal (String data, the FAILURE regexp); escapes are undone by the reader
STRING    : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"' ;
NL        : '\r'? '\n' ;
WS        : [ \t]+ -> skip ;
// Go's text reader treats '#' to the end of the line as a comment
COMMENT   : '#' ~[\r\n]* -> skip ;
// anything else becomes a token of its own, so the parser reports it with line and column
OTHER     : . ;

fragment DIGIT : [0-9] ;
