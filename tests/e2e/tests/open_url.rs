//! File → Open URL in the real app, against a page served by the test itself on 127.0.0.1.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

use common::App;
use thirtyfour::prelude::*;

const PAGE: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Lamp Lighters</title></head><body>\
<nav><a href=\"/\">Home</a> <a href=\"/about\">About</a></nav><article><h1>Lamp Lighters</h1>\
<p>Before electric light, every street lamp in the old town was lit by hand at dusk and put out again at dawn.</p>\
<p>The lamp lighters carried long poles with a hook and a small flame, and they knew every lamp on their round by heart.</p>\
<p>When gas gave way to electricity, the rounds were shortened year by year until the last lighter retired.</p>\
</article><footer>Subscribe to our newsletter</footer></body></html>";

fn serve_page() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
            }
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                PAGE.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(PAGE.as_bytes());
        }
    });
    port
}

#[tokio::test(flavor = "multi_thread")]
async fn open_url_imports_the_article_of_a_page() {
    let port = serve_page();
    let dir = tempfile::tempdir().unwrap();
    let app = App::launch(&dir.path().join("library")).await;
    app.wait_for_js("return document.querySelectorAll('.library-table tbody tr').length === 1", "the sample").await;
    app.driver.find(By::Id("open-url-button")).await.unwrap().click().await.unwrap();
    let input = app.driver.find(By::Id("url-input")).await.unwrap();
    input.send_keys(format!("http://127.0.0.1:{port}/lamps")).await.unwrap();
    app.screenshot("40-open-url").await;
    input.send_keys(Key::Enter).await.unwrap();
    app.wait_for_js(
        "return document.documentElement.dataset.view === 'reader' || !!document.querySelector('.dialog-backdrop[data-dialog=url] .form-error')?.textContent || !!document.querySelector('.toast')",
        "the import to finish",
    )
    .await;
    let state = app.js("return [document.documentElement.dataset.view, document.querySelector('.form-error')?.textContent, document.querySelector('.toasts')?.textContent]").await;
    assert_eq!(state[0], "reader", "{state}");
    let title = app.driver.find(By::Css("#article-title")).await.unwrap().text().await.unwrap();
    assert_eq!(title, "Lamp Lighters");
    let body = app.driver.find(By::Css("#article-body")).await.unwrap().text().await.unwrap();
    assert!(body.contains("every street lamp in the old town"), "{body}");
    assert!(!body.contains("Subscribe"), "site furniture must not be imported: {body}");
    app.screenshot("41-url-article").await;
    app.quit().await;
}
