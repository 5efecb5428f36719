package io.ringwatch.service.ingest;

import io.ringwatch.ingest.Rejection;

/** A record that could not be accepted, with the reason it goes to the dead-letter topic. */
public record DeadLetter(RawRecord record, Rejection rejection) {}
