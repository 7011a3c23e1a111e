package io.chatcases.contacts.service;

import java.util.List;

/**
 * What an import did: rows that created a Contact, changed one, changed nothing, and the rows it
 * could not apply (each left no trace).
 */
public record ImportResult(int created, int updated, int unchanged, List<RowError> errors) {

    /** A row that was not applied: its first line in the file, the field at fault (or null). */
    public record RowError(int line, String field, String message) {}
}
