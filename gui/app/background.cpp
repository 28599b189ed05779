// Worker and Job: the UI thread hands work over and polls for the result.
#include "app/background.hpp"

#include <algorithm>
#include <exception>

namespace diagdesk::gui {

Worker::Worker() : m_thread([this] { loop(); }) {}

Worker::~Worker() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
    m_pending.clear();
  }
  m_cv.notify_all();
  m_thread.join();
}

void Worker::post(std::string key, std::function<void()> task) {
  {
    std::lock_guard lock(m_mutex);
    auto it = std::find_if(m_pending.begin(), m_pending.end(), [&](const auto& p) { return p.first == key; });
    if (it != m_pending.end()) {
      it->second = std::move(task);
    } else {
      m_pending.emplace_back(std::move(key), std::move(task));
    }
  }
  m_cv.notify_all();
}

bool Worker::idle() const {
  std::lock_guard lock(m_mutex);
  return !m_running && m_pending.empty();
}

void Worker::wait_idle() const {
  std::unique_lock lock(m_mutex);
  m_cv.wait(lock, [this] { return !m_running && m_pending.empty(); });
}

void Worker::loop() {
  std::unique_lock lock(m_mutex);
  for (;;) {
    m_cv.wait(lock, [this] { return m_stop || !m_pending.empty(); });
    if (m_stop) return;
    auto task = std::move(m_pending.front().second);
    m_pending.pop_front();
    m_running = true;
    lock.unlock();
    try {
      task();
    } catch (...) {
      // Tasks report their own errors; nothing may escape the thread.
    }
    lock.lock();
    m_running = false;
    m_cv.notify_all();
  }
}

void Progress::set(float fraction, std::string message) {
  m_fraction.store(fraction);
  if (!message.empty()) {
    std::lock_guard lock(m_mutex);
    m_message = std::move(message);
  }
}

std::string Progress::message() const {
  std::lock_guard lock(m_mutex);
  return m_message;
}

Job::~Job() {
  if (m_thread.joinable()) m_thread.join();
}

bool Job::start(std::function<std::string(Progress&)> task) {
  std::lock_guard lock(m_mutex);
  if (m_running) return false;
  if (m_thread.joinable()) m_thread.join();
  m_running = true;
  m_finished = m_failed = false;
  m_result.clear();
  m_progress.set(-1.0f, " ");
  m_thread = std::thread([this, task = std::move(task)] {
    std::string result;
    bool failed = false;
    try {
      result = task(m_progress);
    } catch (const std::exception& e) {
      result = e.what();
      failed = true;
    } catch (...) {
      result = "unknown error";
      failed = true;
    }
    std::lock_guard inner(m_mutex);
    m_result = std::move(result);
    m_failed = failed;
    m_running = false;
    m_finished = true;
    m_cv.notify_all();
  });
  return true;
}

Job::State Job::state() const {
  std::lock_guard lock(m_mutex);
  State s;
  s.running = m_running;
  s.finished = m_finished;
  s.failed = m_failed;
  s.progress = m_running ? m_progress.fraction() : 1.0f;
  s.message = m_running ? m_progress.message() : m_result;
  return s;
}

void Job::wait() const {
  std::unique_lock lock(m_mutex);
  m_cv.wait(lock, [this] { return !m_running; });
}

}  // namespace diagdesk::gui
