#include <bouncekit/pipeline.hpp>
#include <bouncekit/source.hpp>
#include <iostream>

int main(int argc, char **argv) {
  bouncekit::source::Reader reader({argv + 1, argv + argc});
  bouncekit::source::RawMessage message;
  while (reader.next(message))
    for (const auto &r :
         bouncekit::pipeline::decode_and_classify(message).records)
      std::cout << r.recipient << ' '
                << (r.status.empty() ? r.inferred_status.str() : r.status) << ' '
                << r.reason << ' ' << r.bounce << '\n';
}
