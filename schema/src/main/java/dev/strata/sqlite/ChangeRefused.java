package dev.strata.sqlite;

/** A SQLite change Strata will not make, with the reason and what to do, in words for the changelog's author. */
final class ChangeRefused extends Exception {
    ChangeRefused(String message) {
        super(message);
    }
}
