//! Planwright's desktop shell: a Tauri window hosting the web UI in `ui/`,
//! with commands that are thin wrappers over the core library.
//!
//! `planwright-app [PLAN]` opens PLAN at start; without it the app opens the
//! start screen (or, on a first run, the sample plan). While the app runs, a
//! second launch opens its plan in a new window of the running app (through
//! the session's D-Bus on Linux). `PLANWRIGHT_CONFIG_DIR`
//! moves the app's own files (recent plans, the sample) elsewhere, which the
//! end-to-end tests use for a clean state.

mod commands;
mod error;
mod grants;
mod recent;
mod state;
mod webview;
mod windows;

#[cfg(test)]
mod bindings;

use std::path::PathBuf;

use tauri::{Manager, WindowEvent};

use crate::state::AppState;

pub fn run() {
    let launch_path = std::env::args_os().nth(1).map(PathBuf::from);
    tauri::Builder::default()
        // First, so a second launch hands its plan over before it opens a window.
        .plugin(tauri_plugin_single_instance::init(
            windows::on_second_launch,
        ))
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let config_dir = match std::env::var_os("PLANWRIGHT_CONFIG_DIR") {
                Some(dir) => PathBuf::from(dir),
                None => app.path().app_config_dir()?,
            };
            let state = AppState::new(config_dir);
            for (label, window) in app.webview_windows() {
                if let Some(plan) = &launch_path {
                    state.launch(&label, plan.clone());
                }
                webview::tune(&window);
            }
            app.manage(state);
            Ok(())
        })
        .on_window_event(|window, event| {
            if let WindowEvent::Destroyed = event {
                window.state::<AppState>().close(window.label());
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::about::about_app,
            commands::files::choose_file,
            commands::plan::startup,
            commands::plan::plan_set_logo,
            commands::plan::plan_clear_logo,
            commands::plan::plan_set_word_template,
            commands::import::import_preview,
            commands::import::import_new_plan,
            commands::import::import_into_plan,
            commands::plan::plan_clear_word_template,
            commands::plan::plan_open,
            commands::plan::plan_repair,
            commands::plan::plan_open_sample,
            commands::plan::plan_new,
            commands::plan::recent_plans,
            commands::plan::plan_summary,
            commands::plan::plan_info_put,
            commands::outline::outline_get,
            commands::outline::chapter_add,
            commands::outline::chapter_rename,
            commands::outline::chapter_move,
            commands::outline::chapter_delete,
            commands::outline::section_add,
            commands::outline::section_rename,
            commands::outline::section_move,
            commands::outline::section_delete,
            commands::sections::section_get,
            commands::sections::section_save,
            commands::sections::section_recover,
            commands::find::find_text,
            commands::find::replace_all,
            commands::spelling::spelling_apply,
            commands::assets::asset_import,
            commands::assets::asset_url,
            commands::export::export_pdf,
            commands::export::export_html,
            commands::export::export_docx,
            commands::actions::actions_list,
            commands::actions::action_add,
            commands::actions::action_set,
            commands::actions::action_delete,
            commands::actions::frameworks_list,
            commands::records::indicators_list,
            commands::records::indicator_rows,
            commands::records::indicator_chart,
            commands::records::indicator_set,
            commands::records::people_list,
            commands::records::person_add,
            commands::records::organisation_add,
            commands::records::organisations_list,
            commands::records::glossary_list,
            commands::records::glossary_add,
            commands::reports::report_list,
            commands::reports::report_get,
            commands::reports::report_create,
            commands::reports::report_save,
            commands::reports::report_delete,
            commands::reports::report_templates,
            commands::reports::report_attach_file,
            commands::reports::report_template_import,
            commands::reports::report_template_export,
            commands::reports::report_pack,
            commands::versions::version_list,
            commands::versions::version_snapshot,
            commands::versions::version_diff,
            commands::versions::version_changes,
            commands::versions::version_export,
            commands::versions::version_restore,
            commands::versions::readiness,
            commands::versions::set_required_contents,
            commands::versions::approve,
            commands::versions::approvals,
            commands::versions::signoff,
            commands::versions::verify,
            commands::consultation::consultees,
            commands::consultation::set_required_consultees,
            commands::consultation::consultation_rounds,
            commands::consultation::consultation_open,
            commands::consultation::consultation_respond,
            commands::consultation::consultation_outcome,
            commands::consultation::consultation_responses,
            commands::consultation::consultation_summary,
            commands::consultation::publish,
            commands::consultation::publications,
        ])
        .run(tauri::generate_context!())
        .expect("Planwright could not start its window");
}
