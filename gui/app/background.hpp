#pragma once
// Work off the UI thread, so a frame never waits on disk or on the index.
//   Worker: one thread running tasks in order; a task posted under a key
//           replaces a pending one with the same key (search as you type:
//           only the newest query runs).
//   Job:    one long task (index rebuild, import) reporting its progress.

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace diagdesk::gui {

class Worker {
 public:
  Worker();
  ~Worker();  ///< finishes the running task, drops the pending one
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  /// Queues `task`, replacing a pending (not started) task with the same key.
  void post(std::string key, std::function<void()> task);
  /// True when nothing runs and nothing is pending.
  bool idle() const;
  /// Blocks until idle (tests and benchmarks).
  void wait_idle() const;

 private:
  void loop();
  mutable std::mutex m_mutex;
  mutable std::condition_variable m_cv;
  std::deque<std::pair<std::string, std::function<void()>>> m_pending;
  bool m_running = false;
  bool m_stop = false;
  std::thread m_thread;
};

/// What a job reports while it runs; written by the job, read by the UI.
class Progress {
 public:
  void set(float fraction, std::string message = {});
  float fraction() const { return m_fraction.load(); }
  std::string message() const;

 private:
  std::atomic<float> m_fraction{-1.0f};
  mutable std::mutex m_mutex;
  std::string m_message;
};

class Job {
 public:
  struct State {
    bool running = false;
    bool finished = false;
    bool failed = false;
    float progress = -1;
    std::string message;
  };
  ~Job();  ///< waits for the task to end

  /// Starts `task` on its own thread unless one is running (returns false then).
  /// The task returns its final message; an exception marks it failed.
  bool start(std::function<std::string(Progress&)> task);
  State state() const;
  void wait() const;

 private:
  mutable std::mutex m_mutex;
  mutable std::condition_variable m_cv;
  std::thread m_thread;
  Progress m_progress;
  bool m_running = false;
  bool m_finished = false;
  bool m_failed = false;
  std::string m_result;
};

}  // namespace diagdesk::gui
