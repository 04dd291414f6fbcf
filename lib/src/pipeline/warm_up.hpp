// One decode on the calling thread before decoding threads start.
#pragma once

namespace bouncekit::pipeline {

/// Decodes a small built-in delivery report once per process, so that every lazily built
/// table (mimetic's, the decoders', the classifier's) exists before several threads decode
/// at once: mimetic is safe on separate messages in separate threads only after such a parse.
void warm_up_decoding();

}  // namespace bouncekit::pipeline
