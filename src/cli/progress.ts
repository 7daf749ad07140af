/** A one-line progress indicator on stderr; silent when stderr is not a terminal or with --quiet. */
export interface Progress {
  update(message: string): void;
  done(): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function createProgress(stream: NodeJS.WriteStream, enabled: boolean): Progress {
  if (!enabled || !stream.isTTY) return { update() {}, done() {} };
  let message = '';
  let frame = 0;
  const draw = () => {
    stream.write(`\r\x1b[K${FRAMES[frame++ % FRAMES.length]} ${message}`);
  };
  const timer = setInterval(draw, 80);
  timer.unref();
  return {
    update(next) {
      message = next;
      draw();
    },
    done() {
      clearInterval(timer);
      stream.write('\r\x1b[K');
    },
  };
}
