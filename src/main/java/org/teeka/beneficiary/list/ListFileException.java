package org.teeka.beneficiary.list;

import java.util.List;

/**
 * The file as a whole cannot be imported: it is empty, not a CSV or XLSX file, not UTF-8, broken,
 * or its header lacks a column. The code is a message key; the arguments never hold a value of a
 * row, so they can be stored and shown.
 */
public class ListFileException extends Exception {

    private final String code;
    private final List<String> arguments;

    public ListFileException(String code, Object... arguments) {
        super(code);
        this.code = code;
        this.arguments = java.util.Arrays.stream(arguments).map(String::valueOf).toList();
    }

    public String code() {
        return code;
    }

    public List<String> arguments() {
        return arguments;
    }
}
