//! The Windows exe's icon and version resource (name, description, version, copyright), which
//! Explorer, the taskbar and the installer show. Nothing happens for any other target.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/windows/teamscape.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut resource = winresource::WindowsResource::new();
    resource
        .set_icon("assets/windows/teamscape.ico")
        .set("ProductName", "Teamscape")
        // Task Manager shows the description as the program's name. (winresource would
        // write an apostrophe as \' into the resource, so none here.)
        .set("FileDescription", "Teamscape")
        .set("CompanyName", "Teamscape")
        .set("LegalCopyright", "MIT OR Apache-2.0")
        .set("OriginalFilename", "teamscape.exe");
    // A failed resource build stops the Windows build: an exe without its icon and version
    // would still run, but the installer and Explorer would show it as an unknown program.
    if let Err(e) = resource.compile() {
        println!("cargo:warning=the Windows resource could not be built: {e}");
        std::process::exit(1);
    }
}
