package org.osgix.tests;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a manifest line into whitespace-separated tokens. Double quotes group characters
 * (including spaces) into a token and may appear anywhere in it ({@code stdout~="a b"});
 * {@code ""} is an empty token. Inside quotes {@code \"} and {@code \\} are escapes and every
 * other backslash is literal, so regular expressions need no doubling.
 */
final class QuotedTokens {

    /** A token and whether any part of it was quoted (a quoted {@code "|"} is not a separator). */
    record Token(String text, boolean quoted) {
    }

    private QuotedTokens() {
    }

    static List<Token> split(String line) {
        List<Token> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inToken = false;
        boolean quoted = false;
        boolean inQuotes = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inQuotes) {
                if (c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                    current.append(line.charAt(++i));
                } else if (c == '"') {
                    inQuotes = false;
                } else {
                    current.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    tokens.add(new Token(current.toString(), quoted));
                    current.setLength(0);
                    inToken = false;
                    quoted = false;
                }
            } else {
                inToken = true;
                if (c == '"') {
                    inQuotes = true;
                    quoted = true;
                } else {
                    current.append(c);
                }
            }
        }
        if (inQuotes) {
            throw new IllegalArgumentException("unterminated double quote");
        }
        if (inToken) {
            tokens.add(new Token(current.toString(), quoted));
        }
        return tokens;
    }

    /** Quotes a token for display when it is empty or holds whitespace or quotes. */
    static String display(String token) {
        if (!token.isEmpty() && token.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"')) {
            return token;
        }
        return '"' + token.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
