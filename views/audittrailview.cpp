#include "audittrailview.h"

#include "audittrailmodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace compose {

AuditTrailView::AuditTrailView(AuditTrailModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    setObjectName(QStringLiteral("auditTrailView"));
    auto *layout = new QVBoxLayout(this);
    m_message = new QLabel(this);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("auditMessage"));
    layout->addWidget(m_message);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setModel(model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(AuditTrailModel::WhatColumn,
                                                      QHeaderView::Interactive);
    m_table->setColumnWidth(AuditTrailModel::WhenColumn, 150);
    m_table->setColumnWidth(AuditTrailModel::WhoColumn, 110);
    m_table->setColumnWidth(AuditTrailModel::WhatColumn, 300);
    layout->addWidget(m_table);

    auto update = [this] {
        if (!m_model->errorMessage().isEmpty())
            m_message->setText(
                tr("The audit trail comes from compose-api: %1").arg(m_model->errorMessage()));
        else if (m_model->rowCount() == 0)
            m_message->setText(
                tr("No staff actions or status changes recorded for this form yet."));
        else
            m_message->setText(tr("%n entry(s), newest first.", nullptr, m_model->rowCount()));
        m_message->setVisible(true);
    };
    connect(model, &AuditTrailModel::loaded, this, update);
    connect(model, &AuditTrailModel::loadFailed, this, update);
    connect(model, &QAbstractItemModel::modelReset, this, update);
    update();
}

} // namespace compose
