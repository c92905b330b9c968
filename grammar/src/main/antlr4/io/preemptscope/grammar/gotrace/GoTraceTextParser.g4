/*
 * A Go 1.22+ text trace: an optional txtar expectation, the "Trace Go1.N" header, then one record
 * per line. Which arguments an event takes, how many frame lines a Stack has and which events carry
 * a data line depend on the event spec, so the reader checks those; the grammar only fixes the
 * line shapes. No actions: the analyzer walks the tree.
 */
parser grammar GoTraceTextParser;

options { tokenVocab = GoTraceTextLexer; }

file
    : NL* (expectMarker NL+ expectation NL+ traceMarker NL+)? header (NL+ record)* NL* EOF
    ;

expectMarker
    : SECTION
    ;

traceMarker
    : SECTION
    ;

// SUCCESS, or FAILURE followed by a quoted Go regexp
expectation
    : NAME STRING?
    ;

header
    : NAME VERSION
    ;

record
    : dataLine
    | frameLine
    | eventLine
    ;

// an event name and its arguments in spec order: "GoStop dt=1 reason_string=16 stack=50"
eventLine
    : NAME arg*
    ;

// one frame of the Stack event above it: "pc=4816080 func=30 file=31 line=45"
frameLine
    : arg+
    ;

// the bytes of the String (or ExperimentalBatch) event above it: data="preempted"
dataLine
    : NAME EQ STRING
    ;

arg
    : NAME EQ UINT
    ;
