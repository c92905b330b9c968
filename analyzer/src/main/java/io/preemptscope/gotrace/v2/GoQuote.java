package io.preemptscope.gotrace.v2;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Go's string literal syntax, which the text format uses for String data and the FAILURE regexp:
 * {@code strconv.Unquote} for reading, a close enough {@code strconv.Quote} for printing.
 */
final class GoQuote {
    private GoQuote() {}

    /** The bytes a double-quoted Go literal stands for; null when it is malformed. */
    static byte[] unquote(String literal) {
        if (literal.length() < 2 || literal.charAt(0) != '"' || literal.charAt(literal.length() - 1) != '"') {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(literal.length());
        String body = literal.substring(1, literal.length() - 1);
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"') {
                return null;
            }
            if (c != '\\') {
                int cp = body.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp) - 1;
                continue;
            }
            if (++i >= body.length()) {
                return null;
            }
            char e = body.charAt(i);
            switch (e) {
                case 'a' -> out.write(7);
                case 'b' -> out.write(8);
                case 'f' -> out.write(12);
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'v' -> out.write(11);
                case '\\', '"', '\'' -> out.write(e);
                case 'x', 'u', 'U' -> {
                    int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + n >= body.length()) {
                        return null;
                    }
                    int v;
                    try {
                        v = Integer.parseUnsignedInt(body.substring(i + 1, i + 1 + n), 16);
                    } catch (NumberFormatException | IndexOutOfBoundsException ex) {
                        return null;
                    }
                    if (e == 'x') {
                        out.write(v);
                    } else if (!Character.isValidCodePoint(v)) {
                        return null;
                    } else {
                        out.writeBytes(new String(Character.toChars(v)).getBytes(StandardCharsets.UTF_8));
                    }
                    i += n;
                }
                default -> {
                    // \ooo: three octal digits, one byte
                    if (e < '0' || e > '7' || i + 2 >= body.length()) {
                        return null;
                    }
                    try {
                        int v = Integer.parseInt(body.substring(i, i + 3), 8);
                        if (v > 255) {
                            return null;
                        }
                        out.write(v);
                    } catch (NumberFormatException ex) {
                        return null;
                    }
                    i += 2;
                }
            }
        }
        return out.toByteArray();
    }

    /** A double-quoted literal for display; non-printable characters are escaped. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        sb.append(String.format("\\x%02x", cp));
                    } else {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        });
        return sb.append('"').toString();
    }
}
