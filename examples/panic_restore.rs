//! Sets the terminal up as the reader does, draws once, waits for a key,
//! then panics. The pseudo-terminal test `a_panic_restores_the_terminal`
//! runs it to check that the panic hook gives the terminal back before the
//! message prints.

fn main() {
    let mut terminal = lede::tui::init().expect("a terminal");
    terminal
        .draw(|f| f.render_widget("lede is about to panic: press a key", f.area()))
        .expect("a frame");
    let _ = crossterm::event::read();
    panic!("deliberate panic, to test that the terminal is restored");
}
