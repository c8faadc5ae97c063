package io.monstack.output;

/** One line of a plan: a stack-relative path, what happens to it, and the new content (null for deletes). */
public record PlannedFile(String path, FileAction action, byte[] content) {
}
